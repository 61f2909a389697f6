#!/usr/bin/env node
// The CLI runs from the committed ncc bundle (dist/cli), the same code the Action runs.
import '../dist/cli/index.js'
