import type { SpanishComposer } from './spanish-text.helpers.js';
import { lista, mayuscula, numero, pick } from './spanish-text.helpers.js';

const ARTICULOS = { m: 'el', f: 'la', mp: 'los', fp: 'las' } as const;
const CLITICOS = { m: 'lo', f: 'la', mp: 'los', fp: 'las' } as const;
const ORIGINARIO = { m: 'originario', f: 'originaria', mp: 'originarios', fp: 'originarias' } as const;

function articulo(receta: Receta): string {
  return ARTICULOS[receta.genero];
}

/** The pronoun an imperative takes for the dish ("Hornéalo", "Déjala", "Ásalas"). */
function clitico(receta: Receta): string {
  return CLITICOS[receta.genero];
}

interface Receta {
  nombre: string;
  /** Gender and number of `nombre`, for its article and every word that agrees with it. */
  genero: 'm' | 'f' | 'mp' | 'fp';
  /** "de Roma", "de Nápoles": where it comes from, with its preposition. */
  origen: string;
  /** The ingredients in the English list's order, each with how its amount is written ("g de espaguetis"). */
  ingredientes: readonly [string, string, string, string];
  metodo: 'horno' | 'fuego lento' | 'sartén' | 'asado';
  temperatura: number;
  raciones: number;
  /** When it is done, in the subjunctive that follows "hasta que". */
  punto: string;
  truco: string;
}

const RECETAS: Record<string, Receta> = {
  'Spaghetti Carbonara': { genero: 'mp', nombre: 'espaguetis a la carbonara', origen: 'de Roma', ingredientes: ['g de espaguetis', 'g de guanciale', 'g de pecorino romano', 'yemas de huevo'], metodo: 'sartén', temperatura: 0, raciones: 4, punto: 'la salsa nape el dorso de una cuchara', truco: 'Aparta la sartén del fuego antes de añadir los huevos: por encima de 70 °C se cuajan.' },
  'Risotto alla Milanese': { genero: 'm', nombre: 'risotto a la milanesa', origen: 'de Milán', ingredientes: ['g de arroz carnaroli', 'ml de caldo de pollo caliente', 'g de grana padano', 'hebras de azafrán'], metodo: 'fuego lento', temperatura: 0, raciones: 4, punto: 'el arroz esté cremoso pero aún tenga un punto firme', truco: 'Añade el caldo cazo a cazo, unos 150 ml cada vez, y remueve cada 30 segundos.' },
  'Margherita Pizza': { genero: 'f', nombre: 'pizza margarita', origen: 'de Nápoles', ingredientes: ['g de harina tipo 00', 'g de tomate San Marzano', 'g de mozzarella fior di latte', 'ml de agua'], metodo: 'horno', temperatura: 250, raciones: 2, punto: 'la masa tenga ampollas y el queso burbujee', truco: 'Deja levar la masa 24 horas en la nevera, a 4 °C, y tendrás una base más ligera.' },
  Minestrone: { genero: 'f', nombre: 'minestrone', origen: 'de Génova', ingredientes: ['g de alubias cannellini', 'g de pasta ditalini', 'g de col negra', 'ml de caldo de verduras'], metodo: 'fuego lento', temperatura: 0, raciones: 6, punto: 'las verduras estén blandas y la pasta, tierna', truco: 'Una corteza de parmesano en la olla da profundidad; retírala antes de servir.' },
  'Pad Thai': { genero: 'm', nombre: 'pad thai', origen: 'de Bangkok', ingredientes: ['g de fideos de arroz planos', 'g de langostinos', 'ml de pasta de tamarindo', 'g de cacahuetes tostados'], metodo: 'sartén', temperatura: 0, raciones: 2, punto: 'los fideos brillen y estén justo tiernos', truco: 'Remoja los fideos 20 minutos en agua templada, nunca hirviendo, o se quedarán blandos.' },
  'Chicken Katsu Curry': { genero: 'm', nombre: 'curri katsu de pollo', origen: 'de Tokio', ingredientes: ['g de contramuslos de pollo', 'g de pan rallado panko', 'g de roux de curri japonés', 'g de arroz de grano corto'], metodo: 'sartén', temperatura: 0, raciones: 4, punto: 'el rebozado esté dorado y el pollo alcance 74 °C por dentro', truco: 'Deja reposar el pollo empanado 10 minutos antes de freírlo para que el panko se adhiera.' },
  Bibimbap: { genero: 'm', nombre: 'bibimbap', origen: 'de Jeonju', ingredientes: ['g de arroz de grano corto', 'g de carne picada de ternera', 'g de espinacas', 'ml de gochujang'], metodo: 'sartén', temperatura: 0, raciones: 4, punto: 'el arroz del fondo de la sartén quede crujiente', truco: 'Una sartén de hierro fundido calentada durante 5 minutos da la costra que hizo famosos los cuencos dolsot.' },
  'Dal Tadka': { genero: 'm', nombre: 'dal tadka', origen: 'del Punyab', ingredientes: ['g de lentejas amarillas partidas', 'g de ghee', 'g de tomates', 'guindillas verdes'], metodo: 'fuego lento', temperatura: 0, raciones: 4, punto: 'las lentejas se deshagan en un puré espeso', truco: 'Vierte el tadka de comino y ajo chisporroteante sobre el dal en los últimos 2 minutos.' },
  'Sourdough Loaf': { genero: 'm', nombre: 'pan de masa madre', origen: 'de San Francisco', ingredientes: ['g de harina de fuerza', 'g de masa madre activa', 'ml de agua', 'g de sal marina'], metodo: 'horno', temperatura: 240, raciones: 8, punto: 'la base suene hueca al golpearla', truco: 'Hornea los primeros 20 minutos con la tapa de la olla puesta y luego destápala.' },
  'Banana Bread': { genero: 'm', nombre: 'pan de plátano', origen: 'de Hawái', ingredientes: ['plátanos muy maduros', 'g de harina común', 'g de azúcar moreno claro', 'g de mantequilla'], metodo: 'horno', temperatura: 175, raciones: 10, punto: 'una brocheta salga limpia', truco: 'Los plátanos con la piel negra tienen más o menos el doble de azúcar que los amarillos.' },
  'Cinnamon Rolls': { genero: 'mp', nombre: 'rollos de canela', origen: 'de Estocolmo', ingredientes: ['g de harina de fuerza', 'ml de leche entera', 'g de mantequilla blanda', 'g de canela molida'], metodo: 'horno', temperatura: 200, raciones: 12, punto: 'la superficie esté bien dorada', truco: 'La masa debe doblar su tamaño, lo que lleva unos 60 minutos a 24 °C.' },
  "Shepherd's Pie": { genero: 'm', nombre: 'pastel de carne y puré', origen: 'de Yorkshire', ingredientes: ['g de carne picada de cordero', 'g de patatas Maris Piper', 'g de zanahorias', 'ml de caldo de cordero'], metodo: 'horno', temperatura: 200, raciones: 6, punto: 'el puré se dore por los bordes', truco: 'Deja enfriar el relleno 15 minutos antes de cubrirlo para que el puré no se hunda.' },
  'Chili con Carne': { genero: 'm', nombre: 'chili con carne', origen: 'de San Antonio', ingredientes: ['g de carne picada de ternera', 'g de alubias rojas', 'g de tomate troceado', 'g de chile ancho en polvo'], metodo: 'fuego lento', temperatura: 0, raciones: 6, punto: 'la salsa esté espesa y oscura', truco: 'El chili sabe mejor al día siguiente y se conserva congelado hasta 3 meses.' },
  'Sheet-Pan Chicken Fajitas': { genero: 'fp', nombre: 'fajitas de pollo en bandeja', origen: 'de Texas', ingredientes: ['g de pechuga de pollo', 'pimientos', 'tortillas de trigo', 'g de pimentón ahumado'], metodo: 'asado', temperatura: 220, raciones: 4, punto: 'los pimientos se tuesten por los bordes', truco: 'Extiende todo en una sola capa en una bandeja de 30 × 40 cm para que se ase en lugar de cocerse al vapor.' },
  Shakshuka: { genero: 'f', nombre: 'shakshuka', origen: 'de Túnez', ingredientes: ['huevos', 'g de tomate troceado', 'pimientos rojos', 'g de queso feta'], metodo: 'fuego lento', temperatura: 0, raciones: 3, punto: 'las claras estén cuajadas y las yemas sigan líquidas', truco: 'Tapa la sartén los últimos 4 minutos para que se cuaje la parte de arriba de los huevos.' },
};

function titulo(receta: Receta, angle: string, total: number): string {
  const Nombre = receta.nombre.charAt(0).toUpperCase() + receta.nombre.slice(1);
  switch (angle) {
    case 'weeknight':
      return `${Nombre} entre semana, en ${total} minutos`;
    case 'beginner':
      return `${Nombre} para quien cocina por primera vez`;
    case 'classic':
      return `${Nombre} a la manera ${receta.origen}`;
    case 'budget':
      return `${Nombre} con poco presupuesto: cena para ${receta.raciones}`;
    case 'make-ahead':
      return `${Nombre} para dejar hecho el domingo`;
    default:
      return `${Nombre} para toda la familia`;
  }
}

function enfoque(receta: Receta, angle: string, prep: number): string {
  switch (angle) {
    case 'weeknight':
      return `Esta versión deja la preparación en ${prep} minutos, así que cabe en cualquier noche de diario.`;
    case 'beginner':
      return `Si nunca has hecho ${receta.nombre}, sigue el orden al pie de la letra; no necesitas ningún utensilio especial.`;
    case 'classic':
      return `Nos ceñimos a la receta tradicional, sin atajos.`;
    case 'budget':
      return `Todos los ingredientes se encuentran en cualquier supermercado y no hay extras caros.`;
    case 'make-ahead':
      return `Se recalienta muy bien, de modo que una sola tarde de cocina da para varias comidas.`;
    default:
      return `Las cantidades son para ${receta.raciones} personas y el punto de sal y especias es suave, pensado para los niños.`;
  }
}

function coccion(receta: Receta, minutos: number): string {
  switch (receta.metodo) {
    case 'horno':
      return `Hornéa${clitico(receta)} a ${receta.temperatura} °C durante ${minutos} minutos, hasta que ${receta.punto}.`;
    case 'asado':
      return `Ása${clitico(receta)} a ${receta.temperatura} °C durante ${minutos} minutos, hasta que ${receta.punto}.`;
    case 'fuego lento':
      return `Déja${clitico(receta)} a fuego lento ${minutos} minutos, hasta que ${receta.punto}.`;
    case 'sartén':
      return `Cocina a fuego medio-alto durante ${minutos} minutos, hasta que ${receta.punto}.`;
  }
}

export const composeRecipeEs: SpanishComposer = (subject, angle, facts, rng) => {
  const receta = RECETAS[subject];
  if (receta === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const compra = receta.ingredientes.map((ingrediente, index) => `${f(`amount${index}`)} ${ingrediente}`);
  const plural = receta.genero.endsWith('p');
  const intro = pick(rng, [
    () => `${mayuscula(articulo(receta))} ${receta.nombre} ${plural ? 'vienen' : 'viene'} ${receta.origen}, y allí todavía se discute cada detalle.`,
    () => `Pocas recetas viajan tan bien como ${articulo(receta)} ${receta.nombre}, ${ORIGINARIO[receta.genero]} ${receta.origen}.`,
    () => `Pregunta a cualquiera ${receta.origen} por ${articulo(receta)} ${receta.nombre} y tendrás una opinión firme.`,
  ]);
  const p1 = `${intro} ${enfoque(receta, angle, f('prepMinutes'))}`;
  const p2 = [
    pick(rng, [() => `Necesitas ${lista(compra)}.`, () => `La lista de la compra es corta: ${lista(compra)}.`]),
    `La preparación lleva unos ${f('prepMinutes')} minutos.`,
    coccion(receta, f('cookMinutes')),
    `En total, la cena está lista en ${f('totalMinutes')} minutos.`,
  ].join(' ');
  const p3 = [
    `La receta es para ${receta.raciones} personas y cuesta unos ${numero(f('cost'))} dólares, alrededor de ${numero(f('costPerPortion'))} por ración.`,
    `Cada plato aporta unas ${f('kcal')} kcal y ${f('protein')} g de proteína.`,
    receta.truco,
  ].join(' ');
  return { title: titulo(receta, angle, f('totalMinutes')), paragraphs: [p1, p2, p3] };
};
