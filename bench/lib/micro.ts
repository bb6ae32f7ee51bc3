/**
 * The in-process micro-benchmarks (`vitest bench`, bench/*.bench.ts) as a report section: each
 * group's benchmarks side by side, the one named "naive" as the comparison of the others.
 */
import type { Row, Section } from './results'

interface VitestBench {
  name: string
  mean?: number
  median?: number
  p50?: number
  sampleCount?: number
}
interface VitestReport {
  files?: { groups?: { fullName: string; benchmarks: VitestBench[] }[] }[]
}

export function microSection(report: VitestReport | null): Section | null {
  if (!report?.files) return null
  const rows: Row[] = []
  for (const file of report.files) {
    for (const group of file.groups ?? []) {
      const value = (b: VitestBench) => b.median ?? b.p50 ?? b.mean ?? Number.NaN
      const naive = group.benchmarks.find((b) => /naive/i.test(b.name))
      const title = group.fullName.split(' > ').slice(1).join(' > ') || group.fullName
      for (const b of group.benchmarks) {
        rows.push({
          name: `${title}: ${b.name}`,
          unit: 'ms',
          samples: [value(b)],
          ...(b.sampleCount ? { note: `median of ${b.sampleCount} runs` } : {}),
          ...(naive && naive !== b ? { naive: { label: naive.name, value: value(naive) } } : {}),
        })
      }
    }
  }
  return {
    id: '9-micro',
    title: 'In-process micro-benchmarks (vitest bench)',
    rows,
    notes: [],
  }
}
