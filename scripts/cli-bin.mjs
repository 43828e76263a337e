#!/usr/bin/env node
// The CLI as `node dist/cli.js` and the package's bin run it: the bundle is dist/cli/.
import './cli/index.js';
