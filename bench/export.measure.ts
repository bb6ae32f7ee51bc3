/**
 * Issue 13, target 5: exporting 100,000 rows as main does (bench/export-measure.ts), CSV and xlsx,
 * time and memory growth, against the naive way in the same run.
 */
import { test } from '@playwright/test'
import { exportTasks, measureExport, type ExportSample } from './export-measure'
import { SectionRecorder } from './lib/results'

const REPS = Math.max(3, Number(process.env['BENCH_REPS'] ?? 3))
const ROWS = 100_000

test('export of 100,000 rows from main', async () => {
  const rec = new SectionRecorder('5-export', 'Export of 100,000 rows from main')
  try {
    const tasks = exportTasks(ROWS)
    const limits = { csv: { ms: 500, mb: 64 }, xlsx: { ms: 2500, mb: 96 } } as const
    for (const format of ['csv', 'xlsx'] as const) {
      const runs: Record<'streamed' | 'naive', ExportSample[]> = { streamed: [], naive: [] }
      for (let i = 0; i < REPS; i++) {
        for (const way of ['naive', 'streamed'] as const)
          runs[way].push(await measureExport({ format, way, tasks }))
      }
      const med = (xs: ExportSample[], pick: (s: ExportSample) => number) =>
        [...xs.map(pick)].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
      rec.row({
        name: `${format.toUpperCase()}: time`,
        unit: 'ms',
        samples: runs.streamed.map((s) => s.ms),
        target: { max: limits[format].ms },
        naive: { label: 'naive way', value: med(runs.naive, (s) => s.ms) },
      })
      rec.row({
        name: `${format.toUpperCase()}: memory growth (JS heap + external)`,
        unit: 'MB',
        samples: runs.streamed.map((s) => s.growthMb),
        target: { max: limits[format].mb },
        naive: { label: 'naive way', value: med(runs.naive, (s) => s.growthMb) },
        note: `RSS growth ${med(runs.streamed, (s) => s.rssGrowthMb).toFixed(0)} MB`,
      })
    }
    rec.note(
      "Measured in the bench process through export-service (what main's export:csv handler runs), one export after another; the naive way: CSV built as one string; xlsx as bench/export-measure.ts says.",
    )
  } catch (error) {
    rec.fail(error)
    throw error
  }
})
