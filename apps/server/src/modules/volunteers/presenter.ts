// How 志愿服务 rows are shown: hours as decimal strings from whole minutes, never floating point.
import {
  hoursOfMinutes,
  type ActivityView,
  type BloodDriveView,
  type TeamView,
  type VolunteerView,
} from '@qinqing/shared';
import type { ActivityRow, BloodDriveRow, ParticipantRow, TeamRow, VolunteerRow } from './repository.ts';

export function presentVolunteer(row: VolunteerRow): VolunteerView {
  return {
    id: row.id,
    name: row.name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    personId: row.person_id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    partyMember: row.party_member,
    skills: row.skills,
    registeredOn: row.registered_on,
    teams: row.teams,
    hoursServed: hoursOfMinutes(row.minutes),
    timesServed: row.times,
  };
}

export function presentTeam(row: TeamRow): TeamView {
  return {
    id: row.id,
    name: row.name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    foundedOn: row.founded_on,
    members: row.members,
    partyMembers: row.party_members,
    hoursServed: hoursOfMinutes(row.minutes),
    personTimes: row.person_times,
  };
}

export function presentActivity(row: ActivityRow, people?: readonly ParticipantRow[]): ActivityView {
  return {
    id: row.id,
    title: row.title,
    heldOn: row.held_on,
    place: row.place,
    description: row.description,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    teamId: row.team_id,
    teamName: row.team_name,
    status: row.status,
    version: row.version,
    signedUp: row.signed_up,
    personTimes: row.person_times,
    hoursServed: hoursOfMinutes(row.minutes),
    ...(people
      ? {
          participants: people.map((person) => ({
            volunteerId: person.volunteer_id,
            name: person.name,
            enterpriseName: person.enterprise_name,
            partyMember: person.party_member,
            hours: person.minutes_served === null ? null : hoursOfMinutes(person.minutes_served),
          })),
        }
      : {}),
  };
}

export function presentBloodDrive(row: BloodDriveRow): BloodDriveView {
  return {
    id: row.id,
    title: row.title,
    heldOn: row.held_on,
    place: row.place,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_unit_name,
    registered: row.registered,
    donated: row.donated,
    version: row.version,
  };
}
