import { demoSegments } from '@persona/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDatabases, startTestApp, type TestApp } from './support/test-app.js';

const spanish = {
  title: 'Risotto de limón',
  body: 'Tuesta 320 g de arroz arborio y añade 1,2 litros de caldo poco a poco durante 18 minutos, hasta que el arroz esté cremoso. Termina con la ralladura de un limón.',
};
const recipe = {
  externalId: 'tr-1',
  title: 'Lemon risotto',
  body: 'Toast 320 g of arborio rice, then add 1.2 litres of stock over 18 minutes, until the rice is creamy. Finish with the zest of a lemon.',
  category: 'recipes',
  tags: ['italian'],
  translations: { es: spanish },
};

describe.each(await availableDatabases())('item translations (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  const importFile = (payload: string, contentType: string) =>
    app.request({ method: 'POST', url: '/v1/items/import', payload, headers: { 'content-type': contentType } });

  it('stores, returns and patches translations; an item without any answers {}', async () => {
    const created = await app.request({ method: 'POST', url: '/v1/items', body: recipe });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item.translations).toEqual({ es: spanish });
    expect((await app.request({ method: 'GET', url: `/v1/items/${item.id}` })).json().translations).toEqual({ es: spanish });

    const withMexico = { es: spanish, 'es-MX': { title: 'Risotto de limón', summary: 'Un risotto cremoso en 18 minutos.', body: spanish.body } };
    const patched = await app.request({ method: 'PATCH', url: `/v1/items/${item.id}`, body: { translations: withMexico } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().translations).toEqual(withMexico);
    // A patch without translations leaves them alone.
    expect((await app.request({ method: 'PATCH', url: `/v1/items/${item.id}`, body: { title: 'Lemon & pea risotto' } })).json().translations).toEqual(withMexico);

    const plain = (await app.request({ method: 'POST', url: '/v1/items', body: { title: 'Plain', category: 'recipes' } })).json();
    expect(plain.translations).toEqual({});
  });

  it('refuses a malformed locale tag, an empty title, too many locales and an over-long body with the failing fields', async () => {
    const badTag = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'bad-1', translations: { 'ES_es': spanish } } });
    expect(badTag.statusCode).toBe(400);
    expect(badTag.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(badTag.json().errors)).toContain('body.translations');

    const noTitle = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'bad-2', translations: { es: { title: ' ', body: '' } } } });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().errors.map((error: { path: string }) => error.path)).toContain('body.translations.es.title');

    const locales = ['es', 'fr', 'de', 'it', 'pt', 'nl', 'sv', 'pl', 'ru', 'ja', 'ko'];
    const tooMany = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'bad-3', translations: Object.fromEntries(locales.map((tag) => [tag, spanish])) } });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json())).toContain('at most 10 translations');

    const longBody = await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'bad-4', translations: { es: { title: 'x', body: 'a'.repeat(100_001) } } } });
    expect(longBody.statusCode).toBe(400);
    expect(longBody.json().errors.map((error: { path: string }) => error.path)).toContain('body.translations.es.body');
  });

  it('imports translations from NDJSON and from title@es / summary@es / body@es CSV columns, and re-imports them idempotently', async () => {
    const ndjson = [JSON.stringify({ ...recipe, externalId: 'nd-1' }), JSON.stringify({ ...recipe, externalId: 'nd-2', translations: { 'xx-yy': spanish } })].join('\n');
    const ndReport = (await importFile(ndjson, 'application/x-ndjson')).json();
    expect(ndReport).toMatchObject({ created: 1, failed: 1 });
    expect(ndReport.errors[0]).toMatchObject({ line: 2 });

    const csv = [
      'externalId,title,body,category,title@es,summary@es,body@es,title@es-MX',
      `csv-tr-1,Lemon risotto,"${recipe.body}",recipes,${spanish.title},Un risotto cremoso.,"${spanish.body}",Risotto de limón (MX)`,
      'csv-tr-2,Plain soup,Simmer 800 g of tomatoes.,recipes,,,,',
      'csv-tr-3,Plain bread,Bake for 40 minutes.,recipes,,,,',
    ].join('\n');
    const report = (await importFile(csv, 'text/csv')).json();
    expect(report).toMatchObject({ created: 3, failed: 0 });
    const [item] = (await app.request({ method: 'GET', url: '/v1/items?q=lemon&limit=100' })).json().items.filter((found: { externalId: string }) => found.externalId === 'csv-tr-1');
    expect(item.translations).toEqual({
      es: { title: spanish.title, summary: 'Un risotto cremoso.', body: spanish.body },
      'es-MX': { title: 'Risotto de limón (MX)', body: '' },
    });
    const [plain] = (await app.request({ method: 'GET', url: '/v1/items?q=tomatoes&limit=100' })).json().items.filter((found: { externalId: string }) => found.externalId === 'csv-tr-2');
    expect(plain.translations).toEqual({});

    expect((await importFile(csv, 'text/csv')).json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = csv.replace('Un risotto cremoso.', 'Un risotto muy cremoso.');
    expect((await importFile(changed, 'text/csv')).json()).toMatchObject({ updated: 1, unchanged: 2 });

    const badColumn = ['externalId,title,category,title@ES', 'csv-tr-4,Bad,recipes,Malo'].join('\n');
    const badReport = (await importFile(badColumn, 'text/csv')).json();
    expect(badReport).toMatchObject({ created: 0, failed: 1 });
    expect(badReport.errors[0].errors.join(' ')).toContain('translations');
  });

  it('writes a Spanish segment’s preview from the Spanish source, and again when the translation changes', async () => {
    const segment = (await app.request({ method: 'POST', url: '/v1/segments', body: demoSegments().find((entry) => entry.style.locale.startsWith('es')) })).json();
    const item = (await app.request({ method: 'POST', url: '/v1/items', body: { ...recipe, externalId: 'gen-1' } })).json();
    const preview = async () => (await app.request({ method: 'POST', url: `/v1/items/${item.id}/variants/preview`, body: { segmentIds: [segment.id] } })).json().items[0];
    const first = await preview();
    expect(first.text.body).toContain('320 g de arroz arborio');
    expect(first.guardrails.checks.find((check: { name: string }) => check.name === 'locale')).toMatchObject({ status: 'pass' });
    expect(first.guardrails.checks.find((check: { name: string }) => check.name === 'reading-grade').detail).toContain('INFLESZ');

    await app.request({ method: 'PATCH', url: `/v1/items/${item.id}`, body: { translations: { es: { ...spanish, body: spanish.body.replace('18 minutos', '20 minutos') } } } });
    const second = await preview();
    expect(second.id).not.toBe(first.id);
    expect(second.text.body).toContain('20 minutos');
  });
});
