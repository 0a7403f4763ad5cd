// How events and honours are shown: the organiser and audience by name, times as ISO strings, the figures
// in 人次, persons and enterprises, the actions the caller may take now.
import type {
  AudienceConditions,
  EventAction,
  EventAudience,
  EventState,
  EventSummary,
  EventView,
  HonourView,
} from '@qinqing/shared';
import { builtInKindLabel } from '@qinqing/shared';
import type { EventLinksRow, EventRow, HonourRow, ProgramTotalsRow, SessionRow } from './repository.ts';

/** The conditions as given (the stored industry code prefixes are the server's own). */
function conditionsOf(stored: Record<string, unknown>): AudienceConditions {
  const given = { ...stored };
  delete given.industryPrefixes;
  return given as AudienceConditions;
}

export function presentEventSummary(row: EventRow): EventSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    kindLabel: row.kind_label ?? builtInKindLabel(row.kind) ?? row.kind,
    state: row.state as EventState,
    organizer: { id: row.org_unit_id, name: row.organizer_name, kind: row.organizer_kind },
    program: row.program,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    capacity: row.capacity,
    registered: row.registered,
    waitlisted: row.waitlisted,
    figures: { personTimes: row.person_times, persons: row.persons, enterprises: row.enterprises },
    version: row.version,
  };
}

export function presentEventView(
  row: EventRow,
  sessions: SessionRow[],
  actions: EventAction[],
  program: ProgramTotalsRow | null,
  links: EventLinksRow,
): EventView {
  return {
    ...presentEventSummary(row),
    theme: row.theme,
    description: row.description,
    audience: {
      kind: row.audience as EventAudience,
      chamber:
        row.audience_chamber_id && row.audience_chamber_name
          ? { id: row.audience_chamber_id, name: row.audience_chamber_name }
          : null,
      conditions: conditionsOf(row.audience_conditions),
      invited: row.invited,
    },
    sessions: sessions.map((s) => ({
      id: s.id,
      seq: s.seq,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      place: s.place,
      onlineUrl: s.online_url,
      attendance: s.attendance,
    })),
    policies: links.policies.map((p) => ({ id: p.id, title: p.title, documentNumber: p.document_number })),
    campaign: links.campaign,
    actions,
    manages: row.manages,
    programTotals: program && {
      years: program.years,
      firstYear: program.first_year,
      events: program.events,
      personTimes: program.person_times,
      persons: program.persons,
    },
  };
}

export function presentHonour(row: HonourRow): HonourView {
  return {
    id: row.id,
    holder: row.enterprise_id
      ? { kind: 'enterprise', id: row.enterprise_id, name: row.holder_name }
      : { kind: 'person', id: row.person_id!, name: row.holder_name },
    title: row.title,
    level: row.level,
    issuer: row.issuer,
    year: row.year,
    evidence: row.evidence,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
