export { defineConfig, type HeraldConfig, type OutputConfig } from './config.js'
export { main } from './main.js'
