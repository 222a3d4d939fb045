/**
 * The fields of a plan action, shared by "Add an action" and "Change action": what, who, by when (a
 * date: "ongoing" is refused by the shared SMART check), status, the day it was done, the objective and
 * the evidence. A "by when" already in the past is not taken silently: the form warns and asks for the
 * save to be confirmed (an action is for the future; a past date is most often a typing slip).
 */
import { useId, useState } from 'react';
import { z } from 'zod';
import type { Objective } from '../../../../shared/domain/model.ts';
import { actionSchema } from '../../../../shared/domain/schemas.ts';
import { ACTION_STATUSES } from '../../../../shared/domain/vocabulary.ts';
import {
  choice,
  DateField,
  focusWhenDrawn,
  maxLengthOf,
  optionalText,
  requiredText,
  SelectField,
  TextArea,
  TextField,
} from '../../../ui/form/index.ts';
import { parseUkDate, ukDate } from '../../../ui/format.ts';
import { ACTION_STATUS_LABELS, options } from '../labels.ts';
import { timescaleInput } from './timescale.ts';

export const ACTION_LABELS = {
  description: 'What will be done',
  owner: 'Who will do it',
  dueDate: 'By when',
  status: 'Status',
  completedOn: 'Done on',
  objectiveId: 'Towards which objective',
  evidence: 'Evidence',
} as const;

export const ACTION_WORDS = {
  labels: ACTION_LABELS,
  hints: {
    owner: 'A named person or role, for example ‘PA’ or ‘the young person’.',
    dueDate: 'A date, for example 27/3/2027. ‘Ongoing’ is not a timescale.',
    evidence: 'Optional. How you will know it is done.',
  },
};

const shape = actionSchema.shape;

/** The form-schema parts of an action (the writer's SMART checks still apply when it saves). */
export const actionShape = {
  description: requiredText('Enter what will be done', {
    label: ACTION_LABELS.description,
    max: shape.description,
  }),
  owner: requiredText('Enter who will do it', { label: ACTION_LABELS.owner, max: 200 }),
  dueDate: z.string().trim().min(1, { error: 'Enter the date it will be done by' }).transform(timescaleInput),
  status: choice(ACTION_STATUSES, 'Select the status'),
  objectiveId: z.string().transform((value) => (value === '' ? null : value)),
  evidence: optionalText({ label: ACTION_LABELS.evidence, max: shape.evidence }),
};

/**
 * Whether a save may go ahead given the "by when": a date before today needs a second, deliberate
 * save with the same date (the warning says so). Returns the warning to show, if any.
 */
export function usePastDueCheck(today: string): {
  warning: string | null;
  mayProceed(dueDate: string, status: string): boolean;
  warningId: string;
} {
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const warningId = useId();
  return {
    warning,
    warningId,
    mayProceed(dueDate, status) {
      const date = parseUkDate(dueDate);
      if (date === null || date >= today || status === 'done' || status === 'dropped' || confirmed === date) {
        setWarning(null);
        return true;
      }
      setConfirmed(date);
      setWarning(
        `The date it will be done by, ${ukDate(date)}, is in the past. Check the date, or save again to keep it.`,
      );
      focusWhenDrawn(warningId);
      return false;
    },
  };
}

export function ActionFields({
  objectives,
  done,
  warning,
  warningId,
}: {
  objectives: readonly Objective[];
  /** The status is "done": ask the day it was done. */
  done: boolean;
  warning: string | null;
  warningId: string;
}) {
  return (
    <>
      <TextArea name="description" rows={2} maxLength={maxLengthOf(shape.description)} />
      <TextField name="owner" />
      <DateField name="dueDate" />
      {warning !== null ? (
        <p className="warning" id={warningId} tabIndex={-1} role="alert">
          <strong>Warning:</strong> {warning}
        </p>
      ) : null}
      <SelectField name="status" options={options(ACTION_STATUS_LABELS)} />
      {done ? <DateField name="completedOn" /> : null}
      {objectives.length > 0 ? (
        <SelectField
          name="objectiveId"
          placeholder="None"
          options={objectives.map((objective) => ({ value: objective.id, label: objective.description }))}
        />
      ) : null}
      <TextArea name="evidence" rows={2} />
    </>
  );
}
