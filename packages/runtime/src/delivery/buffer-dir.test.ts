import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultBufferDir } from './buffer-dir.js'

describe('defaultBufferDir', () => {
  it('uses HERALD_LOG_PATH on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultBufferDir({ env: { HERALD_LOG_PATH: '/var/tmp/herald-buffer' }, platform, home: '/home/ada' })).toBe(resolve('/var/tmp/herald-buffer'))
    }
  })

  it('follows XDG on Linux, and ignores a relative XDG_STATE_HOME as the spec says', () => {
    expect(defaultBufferDir({ env: { XDG_STATE_HOME: '/state' }, platform: 'linux', home: '/home/ada' })).toBe('/state/herald')
    expect(defaultBufferDir({ env: {}, platform: 'linux', home: '/home/ada' })).toBe('/home/ada/.local/state/herald')
    expect(defaultBufferDir({ env: { XDG_STATE_HOME: 'relative' }, platform: 'freebsd', home: '/home/ada' })).toBe('/home/ada/.local/state/herald')
  })

  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultBufferDir({ env: {}, platform: 'darwin', home: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/herald')
    expect(defaultBufferDir({ env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, platform: 'win32', home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Local\\herald',
    )
    expect(defaultBufferDir({ env: {}, platform: 'win32', home: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Local\\herald')
  })
})
