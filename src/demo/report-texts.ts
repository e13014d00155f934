/**
 * The prose of a demo status report (accomplishments and next steps), from the project's
 * workstreams and milestones, so that consecutive reports read like a project moving on.
 */
import type { DemoReporting } from './demo-reports.ts';

export interface TextInput {
  scenario: DemoReporting;
  milestones: { name: string; achievedOn: string | null }[];
  forecasts: { milestone: number; forecastDate: string }[];
  /** The report's place in the project's history (0 first). */
  index: number;
  asOf: string;
  started: boolean;
  startDate: string;
  previousAsOf: string;
  onHold: boolean;
  random: () => number;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const DONE = [
  (ws: string) => `${capitalised(ws)}: the work planned for the period is done.`,
  (ws: string) => `${capitalised(ws)}: reviewed with the business owner and agreed.`,
  (ws: string) => `${capitalised(ws)}: open actions closed; the remaining ones are in the plan.`,
  (ws: string) => `${capitalised(ws)}: first results demonstrated to the sponsor.`,
  (ws: string) => `${capitalised(ws)}: issues from the last review resolved.`,
];

const NEXT = [
  (ws: string) => `Continue ${ws}.`,
  (ws: string) => `Finish ${ws} and hand it to review.`,
  (ws: string) => `Start ${ws} with the wider team.`,
];

/** Accomplishments and next steps of one report. */
export function reportTexts(input: TextInput): { accomplishments: string; nextSteps: string } {
  const { scenario, milestones, forecasts, index, asOf, random } = input;
  if (!input.started) {
    return {
      accomplishments: `Mobilisation: team onboarded and the kick-off prepared for ${input.startDate}.`,
      nextSteps: `Kick-off on ${input.startDate}; agree the first month's plan with the team.`,
    };
  }
  if (input.onHold) {
    return {
      accomplishments: 'On hold: work paused; documentation kept current and the PMO’s questions answered.',
      nextSteps: 'Ready to restart within two weeks of the decision to resume.',
    };
  }
  const ws = scenario.workstreams;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const achieved = milestones.filter((m) => m.achievedOn && m.achievedOn > input.previousAsOf && m.achievedOn <= asOf);
  const done = [
    ...achieved.map((m) => `Achieved: ${m.name} (${m.achievedOn}).`),
    pick(DONE)(ws[index % ws.length]!),
    pick(DONE)(ws[(index + 1) % ws.length]!),
  ];
  const upcoming = forecasts.filter((f) => f.forecastDate > asOf).sort((a, b) => (a.forecastDate < b.forecastDate ? -1 : 1))[0];
  const next = [
    ...(upcoming ? [`Next milestone: ${milestones[upcoming.milestone]!.name}, forecast ${upcoming.forecastDate}.`] : []),
    pick(NEXT)(ws[(index + 1) % ws.length]!),
    pick(NEXT)(ws[(index + 2) % ws.length]!),
  ];
  return { accomplishments: done.join('\n'), nextSteps: next.join('\n') };
}
