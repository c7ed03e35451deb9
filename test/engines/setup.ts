// Each test worker hands the harness's X display to the WebKit adapter (see global-setup.ts).
import { inject } from 'vitest';

process.env.INLET_X_DISPLAY = inject('xDisplay');
