import { POLICY_MARKER, POLICY_MARKER_NAMES, POLICY_SIGNIFICANCE } from '../core/iati-codelists.js';
import { compareSdgTargets, isSdgTarget, SDG_GOALS, SDG_TARGETS_BY_GOAL } from '../core/sdg.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type { PolicyMarker } from '../model/framework.js';
import { child, type Src } from '../model/source.js';

/**
 * The SDG targets a result or an indicator names (`sdg: ["11.6", "15.a"]`), checked against the
 * 169 targets of the 2030 Agenda (core/sdg.ts), and the plan's OECD DAC policy markers
 * (`markers: {environment: 2}`), checked against IATI's PolicyMarker and PolicySignificance
 * codelists. Pure: diagnostics point at the value written.
 */
export function buildSdgTargets(
  written: (string | number)[] | undefined,
  src: Src,
  diagnostics: Diagnostic[],
): string[] {
  if (written === undefined) return [];
  const out: string[] = [];
  written.forEach((value, i) => {
    const at = child(src, i);
    const code = typeof value === 'number' ? (asWritten(at) ?? String(value)) : value.trim();
    if (!isSdgTarget(code)) {
      diagnostics.push(error('sdg-target', `"${code}" is not an SDG target: ${hint(code)}`, at));
      return;
    }
    if (out.includes(code)) {
      diagnostics.push(warning('sdg-duplicate', `SDG target ${code} is named twice`, at));
      return;
    }
    out.push(code);
  });
  return out.sort(compareSdgTargets);
}

/** What the nearest valid codes are: the goal's targets, or the goals. */
function hint(code: string): string {
  const goal = /^(\d+)\./.exec(code)?.[1];
  const targets = goal === undefined ? undefined : SDG_TARGETS_BY_GOAL.get(Number(goal));
  if (!targets) return 'a target is written GOAL.TARGET, goal 1–17, such as "11.6" or "15.a"';
  const numbered = targets.filter((t) => /\.\d+$/.test(t));
  const lettered = targets.filter((t) => /\.[a-z]$/.test(t));
  const range = (l: string[]) => (l.length === 1 ? l[0] : `${l[0]}–${l[l.length - 1]}`);
  return `goal ${goal} (${SDG_GOALS.get(Number(goal))}) has targets ${range(numbered)}${lettered.length ? ` and ${range(lettered)}` : ''}`;
}

/**
 * A number's text as written in its file: YAML reads `8.10` as the number 8.1, which would name
 * another target, so a bare number is taken as its characters (`8.10`, not `8.1`).
 */
function asWritten(at: Src): string | undefined {
  const { line, col } = at.file.locate(at.path);
  const lines = at.file.text.split('\n', line);
  const rest = (lines[line - 1] ?? '').slice(col - 1);
  const m = /^\d+(?:\.\d+)?(?=\s*(?:[,\]#}]|$))/.exec(rest);
  return m ? m[0] : undefined;
}

/** The plan's policy markers, in PolicyMarker code order. */
export function buildMarkers(
  written: Record<string, number> | undefined,
  src: Src,
  diagnostics: Diagnostic[],
): PolicyMarker[] | undefined {
  if (written === undefined) return undefined;
  const out: PolicyMarker[] = [];
  for (const [name, significance] of Object.entries(written)) {
    const code = POLICY_MARKER_NAMES.get(name);
    const at = child(src, name);
    if (code === undefined) {
      diagnostics.push(
        error(
          'unknown-marker',
          `"${name}" is not a policy marker; the OECD DAC markers are ${[...POLICY_MARKER_NAMES.keys()].join(', ')}`,
          at,
          true,
        ),
      );
      continue;
    }
    const s = String(significance);
    if (!POLICY_SIGNIFICANCE.has(s)) {
      diagnostics.push(
        error(
          'marker-significance',
          `${significance} is not a policy significance: 0 not targeted, 1 significant objective, 2 principal objective (3 for desertification, 4 for rmnch)`,
          at,
        ),
      );
      continue;
    }
    // PolicySignificance: 3 is for the desertification marker only, 4 for RMNCH only.
    if ((s === '3' && name !== 'desertification') || (s === '4' && name !== 'rmnch')) {
      diagnostics.push(
        error(
          'marker-significance',
          `significance ${s} (${POLICY_SIGNIFICANCE.get(s)}) is only for the ${s === '3' ? 'desertification' : 'rmnch'} marker`,
          at,
        ),
      );
      continue;
    }
    out.push({ code, name: POLICY_MARKER.get(code) as string, significance: s });
  }
  return out.sort((a, b) => Number(a.code) - Number(b.code));
}
