import type { SpanishComposer } from './spanish-text.helpers.js';
import { numero, pick } from './spanish-text.helpers.js';

interface Planta {
  /** With its article, as a sentence subject: "los tomates", "la albahaca". */
  nombre: string;
  plural: boolean;
  mes: string;
  plaga: string;
  vecina: string;
  /** Grown for its flowers: its first crop is a flowering, not a harvest. */
  flor?: boolean;
}

const PLANTAS: Record<string, Planta> = {
  Tomatoes: { nombre: 'los tomates', plural: true, mes: 'marzo', plaga: 'el mildiu', vecina: 'la albahaca' },
  Garlic: { nombre: 'el ajo', plural: false, mes: 'octubre', plaga: 'la roya', vecina: 'las zanahorias' },
  Potatoes: { nombre: 'las patatas', plural: true, mes: 'abril', plaga: 'el mildiu de la patata', vecina: 'los tagetes' },
  Courgettes: { nombre: 'los calabacines', plural: true, mes: 'mayo', plaga: 'el oídio', vecina: 'la capuchina' },
  Basil: { nombre: 'la albahaca', plural: false, mes: 'abril', plaga: 'el pulgón', vecina: 'los tomates' },
  Rosemary: { nombre: 'el romero', plural: false, mes: 'mayo', plaga: 'el escarabajo del romero', vecina: 'la salvia' },
  Mint: { nombre: 'la menta', plural: false, mes: 'abril', plaga: 'la roya', vecina: 'las coles' },
  Chillies: { nombre: 'las guindillas', plural: true, mes: 'febrero', plaga: 'el pulgón', vecina: 'la albahaca' },
  Roses: { flor: true, nombre: 'los rosales', plural: true, mes: 'noviembre', plaga: 'la mancha negra', vecina: 'el ajo' },
  Dahlias: { flor: true, nombre: 'las dalias', plural: true, mes: 'mayo', plaga: 'las babosas', vecina: 'los cosmos' },
  'Sweet Peas': { flor: true, nombre: 'los guisantes de olor', plural: true, mes: 'octubre', plaga: 'el pulgón', vecina: 'la caléndula' },
  Lavender: { flor: true, nombre: 'la lavanda', plural: false, mes: 'marzo', plaga: 'el escupidor', vecina: 'los rosales' },
};

function mayus(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titulo(planta: Planta, angle: string): string {
  const sin = planta.nombre.replace(/^(el|la|los|las) /, '');
  switch (angle) {
    case 'beginner':
      return `Cultivar ${sin} por primera vez`;
    case 'containers':
      return `${mayus(sin)} en maceta`;
    case 'calendar':
      return `Calendario para ${planta.nombre}, mes a mes`;
    case 'problems':
      return `Problemas con ${planta.nombre} y cómo resolverlos`;
    case 'harvest':
      return `Cuándo y cómo cosechar ${planta.nombre}`;
    default:
      return `Qué variedad de ${sin} elegir`;
  }
}

function enfoque(planta: Planta, angle: string): string {
  switch (angle) {
    case 'beginner':
      return `Si es tu primera vez, empieza con pocas plantas y apunta qué haces y cuándo: ${planta.nombre} perdonan más de lo que parece.`.replace('perdonan', planta.plural ? 'perdonan' : 'perdona');
    case 'containers':
      return 'En maceta, elige un recipiente con buenos agujeros de drenaje y un sustrato ligero, y riega más a menudo que en el suelo.';
    case 'calendar':
      return 'Apunta en el calendario la siembra, el trasplante y la cosecha; así no se te pasará ninguna fecha.';
    case 'problems':
      return `El problema más frecuente es ${planta.plaga}: revisa las hojas cada semana y actúa en cuanto veas algo raro.`;
    case 'harvest':
      return 'Corta por la mañana, cuando las plantas tienen más agua, y usa unas tijeras limpias.';
    default:
      return 'Cada variedad tiene su carácter: prueba dos el primer año y quédate con la que mejor se adapte a tu clima.';
  }
}

export const composeGardeningEs: SpanishComposer = (subject, angle, facts, rng) => {
  const planta = PLANTAS[subject];
  if (planta === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const verbo = planta.plural ? 'agradecen' : 'agradece';
  const intro = pick(rng, [
    () => `${mayus(planta.nombre)} ${verbo} un sitio soleado y un suelo que drene bien.`,
    () => `Pocas plantas dan tanto por tan poco como ${planta.nombre}, siempre que se planten a tiempo.`,
  ]);
  const siembra = `El mes para empezar es ${planta.mes}, y los primeros brotes aparecen a los ${f('germination')} días.`;
  const marco = `Deja ${f('spacing')} cm entre planta y planta: si crecen apretadas, enferman antes.`;
  const riego = `En verano necesitan unos ${f('litres')} litros de agua por planta a la semana, mejor en uno o dos riegos profundos que en un poco cada día. Un acolchado de compost alrededor de las plantas ayuda a conservar la humedad.`;
  const cosecha = `La primera ${planta.flor === true ? 'floración' : 'cosecha'} llega unos ${f('harvestDays')} días después de plantar.`;
  const extra = pick(rng, [
    () => `Planta ${planta.vecina} cerca: así mantendrás a raya ${planta.plaga}. Un sobre de semillas cuesta unas ${numero(f('seedCost'))} libras.`,
    () => `Vigila ${planta.plaga} y retira enseguida lo que esté afectado.`,
  ]);
  return { title: titulo(planta, angle), paragraphs: [`${intro} ${siembra} ${enfoque(planta, angle)}`, `${marco} ${riego}`, `${cosecha} ${extra}`] };
};
