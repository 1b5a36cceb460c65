import type { SpanishComposer } from './spanish-text.helpers.js';
import { concuerda, decimal, numero, pick } from './spanish-text.helpers.js';

interface Tema {
  nombre: string;
  /** As it reads inside a sentence: "un fondo de emergencia". */
  frase: string;
  regla: string;
  error: string;
}

const TEMAS: Record<string, Tema> = {
  'Emergency Fund': { nombre: 'El fondo de emergencia', frase: 'un fondo de emergencia', regla: 'guarda en efectivo entre 3 y 6 meses de gastos esenciales', error: 'tener el fondo en la cuenta corriente, donde acaba gastándose sin darte cuenta' },
  'The 50/30/20 Budget': { nombre: 'El presupuesto 50/30/20', frase: 'el presupuesto 50/30/20', regla: 'reparte lo que cobras en un 50 por ciento para necesidades, un 30 para caprichos y un 20 para ahorro', error: 'contar la comida a domicilio como una necesidad' },
  'Sinking Funds': { nombre: 'Los fondos de previsión', frase: 'los fondos de previsión', regla: 'divide cada gasto anual conocido entre 12 y aparta esa cantidad cada mes', error: 'olvidarse de gastos irregulares como la revisión del coche o los cumpleaños' },
  'Grocery Budgeting': { nombre: 'El presupuesto de la compra', frase: 'un presupuesto para la compra', regla: 'planifica los menús de la semana antes de ir al supermercado', error: 'hacer la compra con hambre' },
  'Index Funds': { nombre: 'Los fondos indexados', frase: 'los fondos indexados', regla: 'elige fondos con comisiones bajas y no los toques durante años', error: 'vender cuando el mercado cae' },
  'The Roth IRA': { nombre: 'La cuenta Roth IRA', frase: 'la cuenta Roth IRA', regla: 'aporta cada año antes de la fecha límite', error: 'dejar el dinero aportado sin invertir' },
  'Stocks and Shares ISAs': { nombre: 'Las cuentas ISA de inversión', frase: 'una cuenta ISA de inversión', regla: 'aprovecha la exención fiscal de cada año antes de que termine', error: 'pagar comisiones altas por fondos que no lo valen' },
  'Dollar-Cost Averaging': { nombre: 'La inversión periódica', frase: 'la inversión periódica', regla: 'invierte la misma cantidad cada mes, pase lo que pase en el mercado', error: 'parar las aportaciones cuando llegan las caídas' },
  'The Debt Avalanche': { nombre: 'El método avalancha', frase: 'el método avalancha', regla: 'paga primero la deuda con el interés más alto', error: 'repartir el dinero extra entre todas las deudas' },
  'Mortgage Overpayments': { nombre: 'La amortización anticipada de la hipoteca', frase: 'la amortización anticipada', regla: 'comprueba antes si tu banco cobra comisión por amortizar', error: 'amortizar sin tener antes un colchón de ahorro' },
  'Student Loan Repayment': { nombre: 'La devolución del préstamo de estudios', frase: 'la devolución del préstamo', regla: 'domicilia el pago para no olvidar ninguna cuota', error: 'ignorar las cartas del prestamista' },
  'Credit Scores': { nombre: 'La puntuación de crédito', frase: 'tu puntuación de crédito', regla: 'paga siempre a tiempo y usa menos del 30 por ciento de tu límite', error: 'cerrar tus tarjetas más antiguas' },
};

function titulo(tema: Tema, angle: string): string {
  switch (angle) {
    case 'explained':
      return `${tema.nombre}, ${concuerda('explicado', tema.nombre)} sin tecnicismos`;
    case 'numbers':
      return `${tema.nombre}: las cuentas claras`;
    case 'first-step':
      return `${tema.nombre}: el primer paso`;
    case 'mistakes':
      return `${tema.nombre}: errores que salen caros`;
    case 'couples':
      return `${tema.nombre} en pareja`;
    default:
      return `${tema.nombre}: lista de comprobación`;
  }
}

function enfoque(tema: Tema, angle: string): string {
  switch (angle) {
    case 'explained':
      return 'Aquí lo tienes sin jerga, con cifras reales que puedes comprobar con una calculadora.';
    case 'numbers':
      return 'Los números convencen más que los eslóganes, así que aquí los tienes, redondeados al dólar.';
    case 'first-step':
      return 'Reserva un rato este fin de semana, porque el primer paso es justo el que casi nadie llega a dar.';
    case 'mistakes':
      return `El fallo que más caro sale es ${tema.error}.`;
    case 'couples':
      return 'A las parejas les va mejor cuando acuerdan una sola regla común y la revisan juntas cada pocos meses.';
    default:
      return 'Todo lo que sigue cabe en este mes y te llevará poco tiempo cada semana.';
  }
}

export const composeFinanceEs: SpanishComposer = (subject, angle, facts, rng) => {
  const tema = TEMAS[subject];
  if (tema === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const intro = pick(rng, [
    () => `Lo mejor de ${tema.frase} es que ${/^(los|las)\s/.test(tema.frase) ? 'funcionan' : 'funciona'} sin necesidad de saber mucho de finanzas.`,
    () => `Con ${tema.frase}, el tiempo trabaja a tu favor si empiezas pronto.`,
  ]);
  const cuentas =
    facts.years !== undefined
      ? `Si apartas ${numero(f('amount'))} dólares al mes al ${decimal(f('rate'))} por ciento anual, en ${f('years')} años tendrás unos ${numero(f('value'))} dólares. De ellos, ${numero(f('contributed'))} los habrás puesto tú; el resto son intereses. Cuanto antes empieces, más trabaja el interés compuesto, porque los últimos años son los que más suman.`
      : `Con una deuda de ${numero(f('amount'))} dólares al ${decimal(f('rate'))} por ciento, pagar ${numero(f('payment'))} al mes la liquida en ${f('slowMonths')} meses. Si añades ${numero(f('extra'))} al mes, bastan ${f('fastMonths')} meses y te ahorras unos ${numero(f('saved'))} dólares de intereses. Cada mes que adelantas es un mes menos pagando al banco.`;
  const regla = `La regla es sencilla: ${tema.regla}.`;
  const error = pick(rng, [() => `El error más común es ${tema.error}.`, () => `Cuidado con ${tema.error}.`]);
  const habito = pick(rng, [
    () => 'Automatiza lo que puedas: una transferencia programada el día de cobro hace más que cualquier propósito.',
    () => 'Revisa tus cifras una vez al mes; diez minutos bastan para ver si vas por buen camino.',
  ]);
  const cierre = 'Si tienes dudas, empieza con poco: al principio lo que cuenta es el hábito, no la cantidad.';
  return { title: titulo(tema, angle), paragraphs: [`${intro} ${enfoque(tema, angle)}`, cuentas, `${regla} ${angle === 'mistakes' ? habito : `${error} ${habito}`} ${cierre}`] };
};
