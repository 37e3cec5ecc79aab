#!/usr/bin/env node
'use strict';
// `frm` runs the TypeScript sources as `npm start` does, so it needs no build step. Pointing
// swc-node at the workspace tsconfig makes the @frm/* path aliases resolve from any folder.
const path = require('node:path');

process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '../../../tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
