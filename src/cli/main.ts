#!/usr/bin/env node
/**
 * The `nabla` executable: runs the command line on the process's arguments
 * and exits with its code.
 *
 * @module
 */
import process from 'node:process'
import { main } from './program.js'
import { nodeIo } from './io.js'

process.exitCode = await main(process.argv.slice(2), nodeIo())
