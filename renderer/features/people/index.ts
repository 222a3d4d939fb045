/** Naming people: never a user id on screen, in exports or in messages. One hook, one component, one pure function. */
export { PersonName } from './PersonName.tsx';
export { KeepTeamPeople } from './KeepTeamPeople.tsx';
export { useKnownNames, usePeopleDirectory, usePeopleNamer, usePersonName } from './use-people.ts';
export {
  FORMER_COLLEAGUE,
  SOME_COLLEAGUE,
  looksLikeInternalId,
  personName,
  type PeopleDirectory,
} from '../../../shared/person-name.ts';
