import type { SpanishComposer } from './spanish-text.helpers.js';
import { lista, pick } from './spanish-text.helpers.js';

interface Programa {
  nombre: string;
  carrera: boolean;
  semanas: number;
  meta: string;
  ejercicios: readonly [string, string, string];
}

const PROGRAMAS: Record<string, Programa> = {
  'Couch to 5K': { nombre: 'Del sofá a los 5 km', carrera: true, semanas: 9, meta: 'correr 5 km sin parar', ejercicios: ['caminata a paso vivo', 'trote suave', 'cinco minutos de vuelta a la calma caminando'] },
  'First Half Marathon': { nombre: 'Tu primer medio maratón', carrera: true, semanas: 12, meta: 'terminar los 21,1 km', ejercicios: ['tiradas largas y lentas', 'series a ritmo', 'progresivos cortos'] },
  'Interval Running': { nombre: 'Entrenamiento por intervalos', carrera: true, semanas: 6, meta: 'bajar un minuto tu marca en 5 km', ejercicios: ['series de 400 m', 'cuestas cortas', 'trote de recuperación'] },
  'Trail Running': { nombre: 'Carrera por montaña', carrera: true, semanas: 8, meta: 'completar tu primera carrera de montaña', ejercicios: ['subidas andando', 'bajadas técnicas', 'rodajes suaves'] },
  'Kettlebell Basics': { nombre: 'Primeros pasos con la pesa rusa', carrera: false, semanas: 8, meta: 'dominar el balanceo con buena técnica', ejercicios: ['balanceos', 'sentadillas goblet', 'levantamientos turcos'] },
  'Bodyweight Strength': { nombre: 'Fuerza con tu propio peso', carrera: false, semanas: 6, meta: 'hacer 20 flexiones seguidas', ejercicios: ['flexiones', 'sentadillas', 'planchas'] },
  'Deadlift Technique': { nombre: 'Técnica de peso muerto', carrera: false, semanas: 10, meta: 'levantar tu peso corporal con la espalda neutra', ejercicios: ['peso muerto rumano', 'bisagra de cadera', 'peso muerto convencional'] },
  'Pull-Up Progression': { nombre: 'Progresión de dominadas', carrera: false, semanas: 8, meta: 'hacer tu primera dominada completa', ejercicios: ['colgarse de la barra', 'dominadas negativas', 'remo invertido'] },
  'Yoga for Back Pain': { nombre: 'Yoga para el dolor de espalda', carrera: false, semanas: 6, meta: 'moverte a diario sin dolor', ejercicios: ['el gato y la vaca', 'la postura del niño', 'torsiones suaves'] },
  'Morning Mobility': { nombre: 'Movilidad por la mañana', carrera: false, semanas: 4, meta: 'empezar el día sin rigidez', ejercicios: ['círculos de cadera', 'aperturas de pecho', 'estiramientos de tobillo'] },
  'Pilates Core': { nombre: 'Pilates para el core', carrera: false, semanas: 8, meta: 'mantener una plancha dos minutos', ejercicios: ['el hundred', 'elevaciones de piernas', 'el puente de glúteo'] },
  'Balance Training': { nombre: 'Entrenamiento del equilibrio', carrera: false, semanas: 6, meta: 'aguantar 30 segundos sobre un pie con los ojos cerrados', ejercicios: ['apoyos a una pierna', 'marcha talón-punta', 'sentadillas a una pierna asistidas'] },
};

function titulo(programa: Programa, angle: string): string {
  switch (angle) {
    case 'beginner':
      return `${programa.nombre}: guía para empezar`;
    case 'plan':
      return `${programa.nombre}: un plan de ${programa.semanas} semanas`;
    case 'mistakes':
      return `${programa.nombre}: los errores que frenan tu progreso`;
    case 'science':
      return `${programa.nombre}: qué dice la ciencia`;
    case 'home':
      return `${programa.nombre} en casa, sin gimnasio`;
    default:
      return `${programa.nombre}: cómo medir tu progreso`;
  }
}

function enfoque(programa: Programa, angle: string): string {
  const [primero, segundo] = programa.ejercicios;
  switch (angle) {
    case 'beginner':
      return `Empieza solo con ${primero} y añade ${segundo} a partir de la segunda o la tercera semana. Si las agujetas te duran más de dos días, te has pasado.`;
    case 'plan':
      return 'Las primeras semanas sirven para crear el hábito; las del medio suben poco a poco el volumen, y las últimas lo bajan para que llegues descansado.';
    case 'mistakes':
      return `El error más común es hacer ${primero} con prisa: baja el ritmo y controla cada movimiento. El segundo es saltarse los días de descanso, que es cuando aparecen las lesiones.`;
    case 'science':
      return 'Los estudios coinciden en algo sencillo: quienes entrenan varias veces por semana mantienen el hábito mucho más tiempo que quienes lo hacen una sola vez.';
    case 'home':
      return 'No necesitas gimnasio: basta con despejar un par de metros de suelo y tener agua a mano.';
    default:
      return 'Apunta cada sesión y ponte a prueba cada pocas semanas con la misma referencia, para que los números sean comparables.';
  }
}

export const composeFitnessEs: SpanishComposer = (subject, angle, facts, rng) => {
  const programa = PROGRAMAS[subject];
  if (programa === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const [primero, segundo, tercero] = programa.ejercicios;
  const intro = pick(rng, [
    () => `El objetivo es claro: ${programa.meta} en ${programa.semanas} semanas. Lo que cuenta es la constancia, no las proezas.`,
    () => `Tras ${programa.semanas} semanas de entrenamiento, la mayoría consigue ${programa.meta}. El secreto está en no saltarse las sesiones.`,
  ]);
  const sesion = `Haz ${f('perWeek')} sesiones por semana de unos ${f('minutes')} minutos que combinen ${lista([primero, segundo, tercero])}.`;
  const dosis = programa.carrera
    ? `Divide el bloque principal en ${f('sets')} tramos de ${f('reps')} minutos, con ${f('rest')} segundos de paseo entre uno y otro.`
    : `Haz ${f('sets')} series de ${f('reps')} repeticiones y descansa ${f('rest')} segundos entre series.`;
  const pulso = `A los ${f('age')} años, conviene mantener el pulso entre ${f('lowBpm')} y ${f('highBpm')} pulsaciones por minuto.`;
  const gasto = `Cada sesión quema unas ${f('kcal')} kcal, aunque lo mejor se nota en cómo te sientes a las pocas semanas.`;
  const descanso = pick(rng, [
    () => 'Duerme bien y bebe agua de sobra los días de entrenamiento.',
    () => 'Reserva al menos un día de descanso completo a la semana: es entonces cuando el cuerpo se adapta.',
  ]);
  return { title: titulo(programa, angle), paragraphs: [intro, `${sesion} ${dosis} ${pulso}`, `${enfoque(programa, angle)} ${gasto} ${descanso}`] };
};
