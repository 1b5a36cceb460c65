import type { SpanishComposer } from './spanish-text.helpers.js';
import { lista, numero, pick } from './spanish-text.helpers.js';

interface Destino {
  /** As it reads after "en" and "a": "Lisboa", "los Dolomitas". */
  nombre: string;
  pais: string;
  lugares: readonly [string, string, string];
  comida: string;
  aeropuerto: string;
  km: number;
  meses: string;
  moneda: string;
}

const DESTINOS: Record<string, Destino> = {
  Lisbon: { nombre: 'Lisboa', pais: 'Portugal', lugares: ['la Torre de Belém', 'el barrio de Alfama', 'LX Factory'], comida: 'los pasteles de nata', aeropuerto: 'el aeropuerto Humberto Delgado', km: 7, meses: 'de abril a junio', moneda: '€' },
  Kyoto: { nombre: 'Kioto', pais: 'Japón', lugares: ['el santuario Fushimi Inari', 'el Kinkaku-ji', 'el bosque de bambú de Arashiyama'], comida: 'el yudofu', aeropuerto: 'el aeropuerto internacional de Kansai', km: 100, meses: 'de finales de marzo a principios de abril', moneda: '¥' },
  Edinburgh: { nombre: 'Edimburgo', pais: 'Escocia', lugares: ['el castillo de Edimburgo', 'el Arthur’s Seat', 'la Royal Mile'], comida: 'el cullen skink, una sopa de pescado ahumado', aeropuerto: 'el aeropuerto de Edimburgo', km: 13, meses: 'de mayo a septiembre', moneda: '£' },
  'Mexico City': { nombre: 'Ciudad de México', pais: 'México', lugares: ['el Museo Nacional de Antropología', 'el bosque de Chapultepec', 'el Zócalo'], comida: 'los tacos al pastor', aeropuerto: 'el aeropuerto internacional Benito Juárez', km: 9, meses: 'de marzo a mayo', moneda: 'MX$' },
  Banff: { nombre: 'Banff', pais: 'Canadá', lugares: ['el lago Louise', 'el lago Moraine', 'el teleférico de Sulphur Mountain'], comida: 'las hamburguesas de bisonte', aeropuerto: 'el aeropuerto internacional de Calgary', km: 145, meses: 'de mediados de junio a septiembre', moneda: 'C$' },
  'the Isle of Skye': { nombre: 'la isla de Skye', pais: 'Escocia', lugares: ['el Old Man of Storr', 'las Fairy Pools', 'el Quiraing'], comida: 'las cigalas de Skye', aeropuerto: 'el aeropuerto de Inverness', km: 180, meses: 'mayo y septiembre', moneda: '£' },
  'the Dolomites': { nombre: 'los Dolomitas', pais: 'Italia', lugares: ['las Tres Cimas de Lavaredo', 'el lago di Braies', 'la cresta de Seceda'], comida: 'los canederli, unas albóndigas de pan', aeropuerto: 'el aeropuerto Marco Polo de Venecia', km: 160, meses: 'de finales de junio a mediados de septiembre', moneda: '€' },
  'Torres del Paine': { nombre: 'Torres del Paine', pais: 'Chile', lugares: ['el mirador Base Torres', 'el glaciar Grey', 'el valle del Francés'], comida: 'el cordero al palo', aeropuerto: 'el aeropuerto de Punta Arenas', km: 400, meses: 'de noviembre a marzo', moneda: 'US$' },
  'the Amalfi Coast': { nombre: 'la costa Amalfitana', pais: 'Italia', lugares: ['Positano', 'el Sendero de los Dioses', 'Villa Rufolo, en Ravello'], comida: 'el limoncello y los scialatielli', aeropuerto: 'el aeropuerto internacional de Nápoles', km: 60, meses: 'mayo, junio y septiembre', moneda: '€' },
  'the Algarve': { nombre: 'el Algarve', pais: 'Portugal', lugares: ['Ponta da Piedade', 'la cueva marina de Benagil', 'la playa de Marinha'], comida: 'la cataplana de marisco', aeropuerto: 'el aeropuerto de Faro', km: 70, meses: 'de mayo a octubre', moneda: '€' },
  Crete: { nombre: 'Creta', pais: 'Grecia', lugares: ['el palacio de Cnosos', 'la garganta de Samaria', 'la laguna de Balos'], comida: 'el dakos y el queso graviera', aeropuerto: 'el aeropuerto internacional de Heraclión', km: 5, meses: 'de mayo a octubre', moneda: '€' },
  Cornwall: { nombre: 'Cornualles', pais: 'Inglaterra', lugares: ['el monte Saint Michael', 'el teatro Minack', 'el Proyecto Edén'], comida: 'las empanadas de Cornualles', aeropuerto: 'el aeropuerto de Newquay', km: 8, meses: 'de junio a septiembre', moneda: '£' },
};

/** "en el Algarve", "a los Dolomitas": the article joins the preposition where Spanish contracts it. */
function con(preposicion: 'en' | 'a' | 'de', nombre: string): string {
  if (preposicion === 'a' && nombre.startsWith('el ')) return `al ${nombre.slice(3)}`;
  if (preposicion === 'de' && nombre.startsWith('el ')) return `del ${nombre.slice(3)}`;
  return `${preposicion} ${nombre}`;
}

/** "los 105 euros", "las 85 libras": the currency named, with the article that agrees with it. */
function importe(amount: number, symbol: string): string {
  const [articulo, nombre] = MONEDAS[symbol] ?? ['los', symbol];
  return `${articulo} ${numero(amount)} ${nombre}`;
}

const MONEDAS: Record<string, [string, string]> = {
  '€': ['los', 'euros'],
  '£': ['las', 'libras'],
  '¥': ['los', 'yenes'],
  'MX$': ['los', 'pesos mexicanos'],
  'C$': ['los', 'dólares canadienses'],
  'US$': ['los', 'dólares'],
};

function mayus(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titulo(destino: Destino, angle: string): string {
  const sitio = mayus(destino.nombre);
  switch (angle) {
    case '48-hours':
      return `48 horas ${con('en', destino.nombre)}`;
    case 'budget':
      return `${sitio} con poco presupuesto`;
    case 'slow':
      return `${sitio} sin prisas: una semana para disfrutarlo`;
    case 'family':
      return `${sitio} con niños: lo que de verdad funciona`;
    case 'food':
      return `${sitio} a bocados`;
    default:
      return `Una excursión de un día desde ${destino.nombre}`;
  }
}

function enfoque(destino: Destino, angle: string): string {
  const [primero, segundo, tercero] = destino.lugares;
  switch (angle) {
    case '48-hours':
      return `Dedica la primera mañana a ${primero} y la tarde a ${segundo}; el segundo día es para ${tercero}, con una comida larga de por medio.`;
    case 'budget':
      return `Olvídate del taxi: el autobús, el tranvía y tus propios pies te llevan a casi todo, y lugares gratuitos como ${segundo} llenan tardes enteras.`;
    case 'slow':
      return `Alquila una habitación para toda la semana en lugar de ir de hotel en hotel, y llega a ${segundo} temprano, antes que los grupos.`;
    case 'family':
      return `A los niños suele encantarles ${primero}, así que ve el primer día, cuando todos tienen energía, y no programes más de dos o tres visitas por jornada.`;
    case 'food':
      return `Empieza por ${destino.comida}, el plato del que más presume la gente del lugar, y sigue por los puestos del mercado cerca de ${segundo}.`;
    default:
      return `Sal temprano para evitar las multitudes y reserva la tarde para ${primero}.`;
  }
}

export const composeTravelEs: SpanishComposer = (subject, angle, facts, rng) => {
  const destino = DESTINOS[subject];
  if (destino === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const [primero, segundo, tercero] = destino.lugares;
  const intro = pick(rng, [
    () => `La mejor época para visitar ${destino.nombre} es ${destino.meses}, cuando los días son largos y los precios aún no se han disparado.`,
    () => `Casi todo el mundo viaja ${con('a', destino.nombre)} por ${primero}, pero la zona tiene mucho más que ofrecer.`,
  ]);
  const llegada = `${mayus(destino.aeropuerto)} está a ${destino.km} km del centro y el traslado lleva unos ${f('transferMinutes')} minutos.`;
  const tiempo = `Durante el día, las máximas rondan los ${f('highC')} °C y las noches son más frescas.`;
  const visitas = pick(rng, [
    () => `No te pierdas ${lista([primero, segundo, tercero])}.`,
    () => `Lo imprescindible es ${primero} y ${segundo}; si te sobra tiempo, añade ${tercero}.`,
  ]);
  const presupuesto = `Un presupuesto cómodo ronda ${importe(f('daily'), destino.moneda)} por persona y día, con alojamiento, comidas y transporte local incluidos.`;
  const consejo = pick(rng, [
    () => `Reserva el alojamiento con varias semanas de antelación y lleva ropa de abrigo por capas.`,
    () => `Lo más importante de la maleta es un calzado cómodo, porque casi todos los días se camina mucho.`,
  ]);
  return {
    title: titulo(destino, angle),
    paragraphs: [`${intro} ${llegada} ${tiempo}`, `${visitas} ${enfoque(destino, angle)}`, `${presupuesto} ${consejo}`],
  };
};
