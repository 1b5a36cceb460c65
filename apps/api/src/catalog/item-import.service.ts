import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { ZItemImportRowSchema, type TImportReport, type TItemImportRow } from '@persona/shared';
import { findUnsafeText } from '../contract/unsafe-text.js';
import { isRowValueError, sqlStateOf } from '../db/postgres-error.js';
import { AssetsRepository } from './assets.repository.js';
import { csvRows, ndjsonRows, type SourceRow } from './import-row-source.js';
import { ItemsRepository } from './items.repository.js';

const BATCH_SIZE = 500;
/** The report lists this many failed rows; the count covers all of them. */
const MAX_REPORTED_ERRORS = 1000;

type ImportFormat = TImportReport['format'];

/**
 * Streams an import file into the catalog in batches, so a 100k-row file never sits in memory.
 * Bad rows are reported with their line numbers and the good ones are kept.
 */
@Injectable()
export class ItemImportService {
  constructor(
    @Inject(ItemsRepository) private readonly items: ItemsRepository,
    @Inject(AssetsRepository) private readonly assets: AssetsRepository,
  ) {}

  async import(workspaceId: string, format: ImportFormat, stream: Readable): Promise<TImportReport> {
    const started = performance.now();
    const report: TImportReport = {
      format,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      errorsTruncated: false,
      durationMs: 0,
    };
    const fail = (line: number, errors: string[]) => {
      report.failed += 1;
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line, errors });
      else report.errorsTruncated = true;
    };

    let batch: { line: number; row: TItemImportRow }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const pending = batch;
      batch = [];
      const assetIds = pending.flatMap(({ row }) => (row.imageAssetId ? [row.imageAssetId] : []));
      const knownAssets = await this.assets.existingIds(workspaceId, assetIds);
      const valid = pending.filter(({ line, row }) => {
        if (!row.imageAssetId || knownAssets.has(row.imageAssetId)) return true;
        fail(line, [`imageAssetId: unknown asset ${row.imageAssetId}`]);
        return false;
      });
      await upsertKeepingGoodRows(valid);
    };

    /**
     * A batch the database refuses for one row's values is retried row by row, so that row is
     * reported and the others are kept (the batch is one transaction: nothing of it was written).
     */
    const upsertKeepingGoodRows = async (rows: { line: number; row: TItemImportRow }[]) => {
      try {
        const { created, updated } = await this.items.upsertByExternalId(workspaceId, rows.map((r) => r.row));
        report.created += created;
        report.updated += updated;
        report.unchanged += rows.length - created - updated;
      } catch (error) {
        if (!isRowValueError(error)) throw error;
        if (rows.length === 1) {
          fail(rows[0]!.line, [`the row cannot be stored (database error ${sqlStateOf(error)})`]);
          return;
        }
        for (const row of rows) await upsertKeepingGoodRows([row]);
      }
    };

    const source: AsyncIterable<SourceRow> = format === 'csv' ? csvRows(stream) : ndjsonRows(stream);
    const inBatch = new Set<string>();
    for await (const sourceRow of source) {
      report.rows += 1;
      if ('error' in sourceRow) {
        fail(sourceRow.line, [sourceRow.error]);
        continue;
      }
      const unsafe = findUnsafeText(sourceRow.value, 'row');
      if (unsafe) {
        fail(sourceRow.line, [`${unsafe.path.replace(/^row\.?/, '') || '(row)'}: ${unsafe.message}`]);
        continue;
      }
      const parsed = ZItemImportRowSchema.safeParse(sourceRow.value);
      if (!parsed.success) {
        fail(
          sourceRow.line,
          parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`),
        );
        continue;
      }
      // One statement cannot upsert the same key twice, so a repeated externalId starts a new batch.
      if (inBatch.has(parsed.data.externalId) || batch.length >= BATCH_SIZE) {
        await flush();
        inBatch.clear();
      }
      inBatch.add(parsed.data.externalId);
      batch.push({ line: sourceRow.line, row: parsed.data });
    }
    await flush();
    report.errors.sort((a, b) => a.line - b.line);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }
}
