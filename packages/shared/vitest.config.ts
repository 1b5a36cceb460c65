import { defineProject } from 'vitest/config';
import { packageTestDefaults, sourceConditions } from '../../vitest.shared.ts';

export default defineProject({ ...sourceConditions, test: packageTestDefaults });
