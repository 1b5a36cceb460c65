import { SEGMENT_RULE_LIMITS } from '@persona/shared';
import { useId } from 'react';
import { Button } from '../../components/ui/button.js';
import { Input, Select } from '../../components/ui/input.js';
import { cn } from '../../lib/cn.js';
import {
  depthOf,
  newCondition,
  newGroup,
  ruleTreeSize,
  updateNode,
  type Operator,
  type RuleCondition,
  type RuleGroup,
  type RuleNode,
  type RuleTreeProblems,
} from './rule-tree.js';

/** An operator and whether it is negated, as one choice in one select. */
const OPERATOR_CHOICES: { value: string; label: string; operator: Operator; negate: boolean }[] = [
  { value: 'eq', label: 'equals', operator: 'eq', negate: false },
  { value: '!eq', label: 'does not equal', operator: 'eq', negate: true },
  { value: 'in', label: 'is one of', operator: 'in', negate: false },
  { value: '!in', label: 'is not one of', operator: 'in', negate: true },
  { value: 'contains', label: 'contains', operator: 'contains', negate: false },
  { value: '!contains', label: 'does not contain', operator: 'contains', negate: true },
  { value: 'gte', label: 'is at least', operator: 'gte', negate: false },
  { value: '!gte', label: 'is below (or missing)', operator: 'gte', negate: true },
  { value: 'lte', label: 'is at most', operator: 'lte', negate: false },
  { value: '!lte', label: 'is above (or missing)', operator: 'lte', negate: true },
];

const COMBINATOR_CHOICES = [
  { value: 'all', label: 'all of these (and)', combinator: 'all', negate: false },
  { value: 'any', label: 'any of these (or)', combinator: 'any', negate: false },
  { value: '!any', label: 'none of these', combinator: 'any', negate: true },
  { value: '!all', label: 'not all of these', combinator: 'all', negate: true },
] as const;

const VALUE_HINTS: Record<Operator, string> = {
  eq: 'e.g. es-ES',
  in: 'comma-separated, e.g. es-ES, es-MX',
  contains: 'a word or list element',
  gte: 'a number',
  lte: 'a number',
};

interface BuilderProps {
  value: RuleGroup;
  onChange: (next: RuleGroup) => void;
  problems: RuleTreeProblems;
  /** Show field problems (after a first save attempt, or once the field was touched). */
  showProblems: boolean;
  readOnly?: boolean;
  /** Attribute names seen on users, offered as suggestions. */
  attributeSuggestions?: readonly string[];
}

/**
 * A visual editor for the segment rule DSL: groups (all / any / none / not all) of conditions
 * (attribute, operator, value), nested up to the DSL's depth. Every control is a native input,
 * select or button with its own label, so the builder is used from the keyboard like any form.
 */
export function RuleBuilder(props: BuilderProps) {
  const { value, problems } = props;
  const listId = useId();
  const size = ruleTreeSize(value);
  return (
    <div className="space-y-2">
      {props.attributeSuggestions && (
        <datalist id={listId}>
          {props.attributeSuggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      <GroupEditor {...props} group={value} label="" listId={listId} />
      <p className="text-xs text-slate-600" data-testid="rule-size">
        {size.nodes} of {SEGMENT_RULE_LIMITS.maxNodes} parts, {size.depth} of {SEGMENT_RULE_LIMITS.maxDepth} levels deep.
      </p>
      {problems.overall && (
        <p role="alert" className="text-sm text-red-700">
          {problems.overall}
        </p>
      )}
    </div>
  );
}

function GroupEditor({
  group,
  label,
  listId,
  ...props
}: BuilderProps & { group: RuleGroup; label: string; listId: string }) {
  const { value: root, onChange, readOnly } = props;
  const isRoot = group.id === root.id;
  const name = isRoot ? 'the rule' : `group ${label}`;
  const size = ruleTreeSize(root);
  const full = size.nodes >= SEGMENT_RULE_LIMITS.maxNodes || group.children.length >= SEGMENT_RULE_LIMITS.maxChildren;
  const tooDeep = depthOf(root, group.id) + 1 >= SEGMENT_RULE_LIMITS.maxDepth;
  const problem = props.showProblems ? props.problems.byNode[group.id]?.children : undefined;
  const errorId = `${group.id}-children-error`;
  const change = (next: (node: RuleGroup) => RuleNode | null) => onChange(updateNode(root, group.id, (node) => next(node as RuleGroup)));
  const choice = `${group.negate ? '!' : ''}${group.combinator}`;

  return (
    <fieldset
      className={cn('space-y-2 rounded-md border p-3', isRoot ? 'border-slate-300 bg-white' : 'border-indigo-200 bg-indigo-50/40')}
      aria-describedby={problem ? errorId : undefined}
      data-testid={`group-${label || 'root'}`}
    >
      <legend className="px-1 text-sm font-medium text-slate-900">{isRoot ? 'Users who match' : `Group ${label}: match`}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label={`Match for ${name}`}
          className="w-56"
          value={choice}
          disabled={readOnly}
          onChange={(event) => {
            const picked = COMBINATOR_CHOICES.find((c) => c.value === event.target.value)!;
            change((node) => ({ ...(node as RuleGroup), combinator: picked.combinator, negate: picked.negate }));
          }}
        >
          {COMBINATOR_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
        {!isRoot && !readOnly && (
          <Button type="button" variant="ghost" size="sm" aria-label={`Remove group ${label}`} onClick={() => change(() => null)}>
            Remove group
          </Button>
        )}
      </div>
      <ol className="space-y-2 border-l-2 border-slate-200 pl-3">
        {group.children.map((child, index) => {
          const childLabel = label ? `${label}.${index + 1}` : String(index + 1);
          return (
            <li key={child.id}>
              {child.kind === 'group' ? (
                <GroupEditor {...props} group={child} label={childLabel} listId={listId} />
              ) : (
                <ConditionEditor {...props} condition={child} label={childLabel} listId={listId} />
              )}
            </li>
          );
        })}
      </ol>
      {problem && (
        <p id={errorId} className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {!readOnly && (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={full}
            aria-label={`Add condition to ${name}`}
            onClick={() => change((node) => ({ ...(node as RuleGroup), children: [...(node as RuleGroup).children, newCondition()] }))}
          >
            + Condition
          </Button>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={full || tooDeep}
            title={tooDeep ? `Rules nest at most ${SEGMENT_RULE_LIMITS.maxDepth} levels.` : undefined}
            aria-label={`Add group to ${name}`}
            onClick={() =>
              change((node) => ({ ...(node as RuleGroup), children: [...(node as RuleGroup).children, newGroup([newCondition()], 'any')] }))
            }
          >
            + Group
          </Button>
        </div>
      )}
    </fieldset>
  );
}

function ConditionEditor({
  condition,
  label,
  listId,
  ...props
}: BuilderProps & { condition: RuleCondition; label: string; listId: string }) {
  const { value: root, onChange, readOnly } = props;
  const problems = props.showProblems ? props.problems.byNode[condition.id] : undefined;
  const change = (patch: Partial<RuleCondition> | null) =>
    onChange(updateNode(root, condition.id, (node) => (patch === null ? null : { ...(node as RuleCondition), ...patch })));
  const attrError = `${condition.id}-attr-error`;
  const valueError = `${condition.id}-value-error`;
  const numeric = condition.operator === 'gte' || condition.operator === 'lte';

  return (
    <div className="flex flex-wrap items-start gap-2" data-testid={`condition-${label}`}>
      <div className="w-44">
        <Input
          aria-label={`Attribute of condition ${label}`}
          placeholder="attribute, e.g. age"
          list={props.attributeSuggestions ? listId : undefined}
          value={condition.attr}
          readOnly={readOnly}
          aria-invalid={problems?.attr ? true : undefined}
          aria-describedby={problems?.attr ? attrError : undefined}
          onChange={(event) => change({ attr: event.target.value })}
        />
        {problems?.attr && (
          <p id={attrError} className="mt-1 text-xs text-red-700">
            {problems.attr}
          </p>
        )}
      </div>
      <Select
        aria-label={`Operator of condition ${label}`}
        className="w-48"
        value={`${condition.negate ? '!' : ''}${condition.operator}`}
        disabled={readOnly}
        onChange={(event) => {
          const picked = OPERATOR_CHOICES.find((c) => c.value === event.target.value)!;
          change({ operator: picked.operator, negate: picked.negate });
        }}
      >
        {OPERATOR_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
      <div className="min-w-40 flex-1">
        <Input
          aria-label={`Value of condition ${label}`}
          placeholder={VALUE_HINTS[condition.operator]}
          inputMode={numeric ? 'decimal' : undefined}
          value={condition.value}
          readOnly={readOnly}
          aria-invalid={problems?.value ? true : undefined}
          aria-describedby={problems?.value ? valueError : undefined}
          onChange={(event) => change({ value: event.target.value })}
        />
        {problems?.value && (
          <p id={valueError} className="mt-1 text-xs text-red-700">
            {problems.value}
          </p>
        )}
      </div>
      {!readOnly && (
        <Button type="button" variant="ghost" size="sm" aria-label={`Remove condition ${label}`} onClick={() => change(null)}>
          Remove
        </Button>
      )}
    </div>
  );
}
