import { defineConfig } from '@herald/cli'

export default defineConfig({
  catalog: '../../schema/events.catalog.json',
  outputs: {
    typescript: { out: 'src/telemetry' },
    redaction: { out: 'src/telemetry/redaction' },
    'json-schema': { out: 'schemas' },
    docs: { out: 'docs', options: { site: true } },
  },
})
