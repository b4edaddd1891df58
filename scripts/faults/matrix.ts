/** Every scenario of the fault matrix, in run order. */
import { EXACTLY_ONCE_SCENARIOS } from "./exactlyOnceScenarios";
import { PIPELINE_SCENARIOS } from "./pipelineScenarios";
import { REISSUE_SCENARIOS } from "./reissueScenarios";
import type { Scenario } from "./scenario";
import { READ_SCENARIOS, RENEW_SCENARIOS } from "./transientScenarios";

/** Every scenario of the matrix, in run order. */
export const SCENARIOS: Scenario[] = [
  ...READ_SCENARIOS,
  ...RENEW_SCENARIOS,
  ...EXACTLY_ONCE_SCENARIOS,
  ...REISSUE_SCENARIOS,
  ...PIPELINE_SCENARIOS,
];
