import type { SpanishComposer } from './spanish-text.helpers.js';
import { concuerda, numero, pick } from './spanish-text.helpers.js';

interface Tema {
  nombre: string;
  /** What improves, as a noun phrase with its article, and how it is counted. */
  medida: string;
  unidad: string;
  consejo: string;
  riesgo: string;
}

const TEMAS: Record<string, Tema> = {
  'Mesh Wi-Fi': { nombre: 'El wifi en malla', medida: 'la velocidad en el dormitorio más alejado', unidad: 'Mbps', consejo: 'coloca cada nodo a no más de dos habitaciones del anterior', riesgo: 'esconder la unidad principal dentro de un mueble' },
  'Router Security': { nombre: 'La seguridad del router', medida: 'los puertos abiertos a internet', unidad: 'puertos', consejo: 'activa WPA3 y las actualizaciones automáticas del firmware', riesgo: 'dejar la contraseña de administrador que trae de fábrica' },
  'Home Backup with a NAS': { nombre: 'Copias de seguridad en casa con un NAS', medida: 'el tiempo para recuperar una carpeta perdida', unidad: 'minutos', consejo: 'sigue la regla 3-2-1: tres copias, en dos tipos de soporte, una fuera de casa', riesgo: 'tratar un RAID como si fuera una copia de seguridad' },
  'Password Managers': { nombre: 'Los gestores de contraseñas', medida: 'las contraseñas repetidas', unidad: 'cuentas', consejo: 'empieza por el correo y el banco, y deja el resto para después', riesgo: 'guardar la contraseña maestra en el mismo gestor' },
  'Two-Factor Authentication': { nombre: 'La verificación en dos pasos', medida: 'las cuentas protegidas con un segundo factor', unidad: 'cuentas', consejo: 'usa una aplicación de autenticación en lugar de los SMS', riesgo: 'no guardar los códigos de recuperación' },
  'Spotting Phishing': { nombre: 'Cómo detectar el phishing', medida: 'los correos sospechosos que llegan cada semana a la bandeja de entrada', unidad: 'correos', consejo: 'comprueba siempre el dominio del remitente antes de pulsar un enlace', riesgo: 'fiarse de un logotipo que parece oficial' },
  'Raspberry Pi 5 Projects': { nombre: 'Proyectos con la Raspberry Pi 5', medida: 'el consumo en reposo', unidad: 'vatios', consejo: 'usa la fuente de alimentación oficial de 27 W', riesgo: 'trabajar sin disipador en proyectos exigentes' },
  'Laptop Battery Care': { nombre: 'El cuidado de la batería del portátil', medida: 'la capacidad que conserva la batería al cabo de tres años', unidad: 'por ciento', consejo: 'limita la carga al 80 por ciento si el portátil vive enchufado', riesgo: 'dejarlo al sol dentro del coche' },
  'Smart Home with Matter': { nombre: 'La casa inteligente con Matter', medida: 'las aplicaciones necesarias para controlar la casa', unidad: 'aplicaciones', consejo: 'compra dispositivos con el sello Matter y un solo controlador', riesgo: 'mezclar demasiados ecosistemas a la vez' },
  'E-Readers': { nombre: 'Los lectores de libros electrónicos', medida: 'la autonomía con una sola carga', unidad: 'días', consejo: 'baja el brillo de la luz frontal por la noche', riesgo: 'comprar un modelo que no admite tus formatos' },
};

/** The unit after "1": "1 puerto", "1 cuenta". */
const SINGULAR: Record<string, string> = { puertos: 'puerto', cuentas: 'cuenta', correos: 'correo', vatios: 'vatio', días: 'día', aplicaciones: 'aplicación', minutos: 'minuto' };

function titulo(tema: Tema, angle: string): string {
  switch (angle) {
    case 'setup':
      return `${tema.nombre}, paso a paso`;
    case 'worth-it':
      return `¿Merece la pena? ${tema.nombre}, a examen`;
    case 'mistakes':
      return `${tema.nombre}: errores que cometen hasta los expertos`;
    case 'compared':
      return `${tema.nombre}: tres opciones comparadas`;
    case 'parents':
      return `${tema.nombre}, ${concuerda('explicado', tema.nombre)} para tus padres`;
    default:
      return `${tema.nombre}: cuándo conviene actualizar`;
  }
}

function enfoque(tema: Tema, angle: string): string {
  switch (angle) {
    case 'setup':
      return 'Reserva una tarde tranquila, ten a mano las contraseñas que vayas a necesitar y sigue los pasos en orden.';
    case 'worth-it':
      return 'La pregunta no es si es lo último, sino si resuelve un problema que de verdad tienes.';
    case 'mistakes':
      return `Hasta los expertos tropiezan aquí, casi siempre por las prisas.`;
    case 'compared':
      return 'Hemos comparado tres opciones con los mismos criterios: precio, facilidad de uso y lo que mejoran en el día a día.';
    case 'parents':
      return 'Explícalo con calma y deja una nota con los pasos junto al ordenador; la segunda vez ya lo harán solos.';
    default:
      return 'Actualizar tiene sentido cuando el equipo ya no recibe parches de seguridad o cuando lo que necesitas ha cambiado.';
  }
}

export const composeTechEs: SpanishComposer = (subject, angle, facts, rng) => {
  const tema = TEMAS[subject];
  if (tema === undefined) return null;
  const f = (key: string) => facts[key] ?? 0;
  const intro = pick(rng, [
    () => `Para saber si ha merecido la pena, fíjate en ${tema.medida}.`,
    () => `Lo que mejor mide el resultado ${/^(los|las)\s/.test(tema.medida) ? 'son' : 'es'} ${tema.medida}.`,
  ]);
  const efecto = `En nuestras pruebas, pasó de ${f('before')} a ${f('after')} ${f('after') === 1 ? (SINGULAR[tema.unidad] ?? tema.unidad) : tema.unidad}.`;
  const precio = f('price') === 0 ? 'No cuesta nada' : `La inversión ronda los ${numero(f('price'))} dólares`;
  const coste = `${precio} y la configuración lleva unos ${f('setup')} minutos. Antes de empezar, comprueba que es compatible con lo que ya tienes en casa.`;
  const consejo = `Nuestro consejo: ${tema.consejo}.`;
  const riesgo = pick(rng, [() => `El error más habitual es ${tema.riesgo}.`, () => `Evita ${tema.riesgo}: es el fallo que más vemos.`]);
  const mantenimiento = pick(rng, [
    () => 'Revisa la configuración un par de veces al año y aplica las actualizaciones en cuanto salgan.',
    () => 'Apunta en un sitio seguro lo que has cambiado: dentro de un año te alegrarás de tenerlo.',
    () => 'Si algo falla, volver a la configuración de fábrica y empezar de nuevo suele ser más rápido que buscar el error.',
  ]);
  return { title: titulo(tema, angle), paragraphs: [`${intro} ${efecto} ${enfoque(tema, angle)}`, `${coste} ${consejo}`, `${riesgo} ${mantenimiento} Y si dudas, pregunta: casi siempre hay alguien que ya ha pasado por lo mismo.`] };
};
