export type {
  DemoAttributeValue,
  DemoDataset,
  DemoDatasetOptions,
  DemoDevice,
  DemoImageSpec,
  DemoInteraction,
  DemoItem,
  DemoMotif,
  DemoUser,
} from './demo-dataset.types.js';
export { DEMO_DATASET_DEFAULTS, generateDemoDataset, generateDemoWorld } from './demo-dataset.generator.js';
export type { TasteProfile } from './audience/taste-profile.js';
export { renderDemoImage } from './demo-image.renderer.js';
export { demoSegments } from './segments/demo-segments.js';
