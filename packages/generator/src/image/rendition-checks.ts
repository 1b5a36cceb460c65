import { CHANNEL_FORMATS, type TGuardrailCheck } from '@persona/shared';
import type { RenditionMeasurement } from './rendition-inspector.js';
import { contains, safeZone } from './safe-zones.js';

/** WCAG 2 AA for body-size text; a headline over a photo gets no large-text discount. */
export const MIN_HEADLINE_CONTRAST = 4.5;

/** The checks every rendition of an image variant must pass, measured on the encoded renditions. */
export function checkRenditions(measurements: readonly RenditionMeasurement[], maxBytes: number): TGuardrailCheck[] {
  return [checkContrast(measurements), checkSafeZones(measurements), checkDimensions(measurements), checkByteBudget(measurements, maxBytes)];
}

const ratio = (value: number) => `${value.toFixed(1)}:1`;
const kilobytes = (bytes: number) => `${Math.round(bytes / 1000)} kB`;

function checkContrast(measurements: readonly RenditionMeasurement[]): TGuardrailCheck {
  const measured = measurements.filter((m): m is RenditionMeasurement & { headlineContrast: number } => m.headlineContrast !== null);
  if (measured.length === 0) return { name: 'contrast', status: 'warn', detail: 'no headline pixels to measure' };
  const low = measured.filter((m) => m.headlineContrast < MIN_HEADLINE_CONTRAST);
  const figures = measured.map((m) => `${m.channelFormat} ${ratio(m.headlineContrast)}`).join(', ');
  const how = `headline letters against the pixels behind them (dimmest tenth vs brightest tenth), needs ${ratio(MIN_HEADLINE_CONTRAST)}`;
  return low.length > 0
    ? { name: 'contrast', status: 'fail', detail: `too little contrast in ${low.map((m) => m.channelFormat).join(', ')}: ${figures}; ${how}` }
    : { name: 'contrast', status: 'pass', detail: `${figures}; ${how}` };
}

function checkSafeZones(measurements: readonly RenditionMeasurement[]): TGuardrailCheck {
  const outside = measurements.flatMap((m) => {
    const zone = safeZone(m.channelFormat);
    return m.ink
      .filter(({ box }) => !contains(zone, box))
      .map(({ role, box }) => `${m.channelFormat} ${role} spans rows ${box.top}–${box.top + box.height} and columns ${box.left}–${box.left + box.width}, outside the safe zone rows ${zone.top}–${zone.top + zone.height}, columns ${zone.left}–${zone.left + zone.width}`);
  });
  if (outside.length > 0) return { name: 'safe-zone', status: 'fail', detail: outside.join('; ') };
  const inked = measurements.filter((m) => m.ink.length > 0).map((m) => m.channelFormat);
  return {
    name: 'safe-zone',
    status: 'pass',
    detail: inked.length === 0 ? 'no text or logo drawn' : `text and logo inside the safe zone of ${inked.join(', ')} (a story keeps its top 14 % and bottom 20 % clear)`,
  };
}

function checkDimensions(measurements: readonly RenditionMeasurement[]): TGuardrailCheck {
  const wrong = measurements.filter((m) => m.width !== CHANNEL_FORMATS[m.channelFormat].width || m.height !== CHANNEL_FORMATS[m.channelFormat].height);
  return wrong.length > 0
    ? {
        name: 'dimensions',
        status: 'fail',
        detail: wrong.map((m) => `${m.channelFormat} is ${m.width}×${m.height}, not ${CHANNEL_FORMATS[m.channelFormat].width}×${CHANNEL_FORMATS[m.channelFormat].height}`).join('; '),
      }
    : { name: 'dimensions', status: 'pass', detail: measurements.map((m) => `${m.channelFormat} ${m.width}×${m.height}`).join(', ') };
}

function checkByteBudget(measurements: readonly RenditionMeasurement[], maxBytes: number): TGuardrailCheck {
  const over = measurements.filter((m) => m.bytes > maxBytes);
  const figures = measurements.map((m) => `${m.channelFormat} ${kilobytes(m.bytes)}`).join(', ');
  return over.length > 0
    ? { name: 'byte-budget', status: 'fail', detail: `over the ${kilobytes(maxBytes)} budget even at the lowest quality: ${over.map((m) => `${m.channelFormat} ${kilobytes(m.bytes)}`).join(', ')}` }
    : { name: 'byte-budget', status: 'pass', detail: `${figures}; budget ${kilobytes(maxBytes)} each` };
}
