import type { TargetKpi } from "../../domain/targets/target-kpis.js";
import { findSegment } from "../kpi/find-segment.js";
import type { TeamScope } from "../types.js";
import { setKpiTarget } from "./set-kpi-target.js";

export type SaveKpiTargetResult = { status: "unknownSegment"; known: string[] } | { status: "set"; segment: string; previous: number | null };

/**
 * Sets a target for `/kpi target` and App Home's "Set target" modal alike: the segment as typed is matched to one the
 * workspace's customers have ('' = all customers), then the target is upserted. Throws only for database errors.
 */
export async function saveKpiTarget(scope: TeamScope, t: { kpi: TargetKpi; value: number; segmentName: string; setBy: string }): Promise<SaveKpiTargetResult> {
  let segment = "";
  if (t.segmentName.trim() !== "") {
    const found = await findSegment({ ...scope, name: t.segmentName.trim() });
    if (found.segment === null) return { status: "unknownSegment", known: found.known };
    segment = found.segment;
  }
  const { previous } = await setKpiTarget(scope, { kpi: t.kpi, segment, value: t.value, setBy: t.setBy });
  return { status: "set", segment, previous };
}
