/** The statistics core: pure functions, no dependency, no I/O. */
export { rateWithInterval, type Rate } from './rate.ts';
export { compareArms, type Arm, type Comparison } from './sequential.ts';
export { sampleRatioCheck, type SampleRatioCheck } from './srm.ts';
export { decide, VERDICT_DEFAULTS, type ArmInput, type DailyLook, type Verdict, type VerdictStatus } from './verdict.ts';
export { daysNeeded, type DaysNeeded } from './days-needed.ts';
export { normalCdf, normalQuantile, chiSquareSurvival } from './normal.ts';
