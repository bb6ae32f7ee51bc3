/**
 * What every part of `npm run bench` records: sections of measured rows, written as JSON under
 * bench/results/ (one file per section) and turned into BENCHMARKS.md by bench/report.ts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const RESULTS_DIR = resolve(__dirname, '../results')

/** A target: the measured median must be at most `max` (or at least `min`). */
export interface Target {
  max?: number
  min?: number
}

export interface Row {
  /** What is measured, e.g. "Status filter (Import failed)". */
  name: string
  /** ms, MB, KB, s, x … */
  unit: string
  /** Every repetition (the report shows their median and count). */
  samples: number[]
  target?: Target
  /** The naive way measured in the same run (or the recorded baseline), same unit. */
  naive?: { label: string; value: number }
  /** Free text, e.g. what the sample covers. */
  note?: string
}

export interface Section {
  /** File name and order key, e.g. "1-window-50k". */
  id: string
  title: string
  rows: Row[]
  notes: string[]
  /** The section could not be measured (the error, as text). */
  error?: string
}

export interface Machine {
  date: string
  commit: string
  cpuModel: string
  cores: number
  node: string
  chromium: string | null
  loadavgStart: [number, number, number]
  loadavgEnd: [number, number, number] | null
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)))
  return s[rank - 1]!
}

export function passes(value: number, target: Target | undefined): boolean | null {
  if (!target || Number.isNaN(value)) return null
  if (target.max !== undefined && value > target.max) return false
  if (target.min !== undefined && value < target.min) return false
  return true
}

export function writeSection(section: Section, dir = RESULTS_DIR): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${section.id}.json`), JSON.stringify(section, null, 2))
}

export function readSections(dir = RESULTS_DIR): Section[] {
  let names: string[] = []
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('_'))
  } catch {
    return []
  }
  return names
    .sort()
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as Section)
    .filter((s) => Array.isArray(s.rows))
}

/**
 * Collects a section's rows while it runs and writes it even when a step throws, so a partial
 * run still reports what it measured and says where it stopped.
 */
export class SectionRecorder {
  readonly section: Section
  constructor(id: string, title: string) {
    this.section = { id, title, rows: [], notes: [] }
  }
  row(row: Row): Row {
    this.section.rows.push(row)
    this.save()
    return row
  }
  note(text: string): void {
    this.section.notes.push(text)
    this.save()
  }
  fail(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error)
    // Playwright's messages carry terminal colours.
    // eslint-disable-next-line no-control-regex
    this.section.error = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0]!
    this.save()
  }
  save(): void {
    writeSection(this.section)
  }
}
