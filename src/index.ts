/** The action's entry, as action.yml names it (dist/index.js). */
import { run } from './main.js';

await run();
