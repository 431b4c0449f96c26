// The dialogs of the coordination loop: raise (a unit, on a project), assign / escalate / close (the office) and
// reply (the responsible unit). Each posts once with its own Idempotency-Key and hands the API's item back.
import { DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { enumLabel, enumOptions } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { FormModal } from '../office/components/FormModal';
import { newIdempotencyKey } from '../office/components/officeFormat';
import { ProjectSelect, UnitSelect } from '../records/components/Selects';
import {
  assignCoordinationItem, closeCoordinationItem, createCoordinationItem, escalateCoordinationItem, replyCoordinationItem,
  type CoordinationAssign, type CoordinationCategory, type CoordinationClose, type CoordinationEscalate, type CoordinationItemPublic,
  type CoordinationReplyCreate,
} from '../../api';
import { CATEGORIES, PROGRESSES } from './labels';

type Done = (item: CoordinationItemPublic) => void;

/** Required-field rules in the coordination words. */
function useRules() {
  const { t } = useI18n();
  return {
    text: (label: MessageKey, max = 2000) => [
      { required: true, whitespace: true, message: t('coord.required', { label: t(label) }) },
      { max, message: t('office.common.tooLong', { max }) },
    ],
    pick: (label: MessageKey) => [{ required: true, message: t('coord.choose', { label: t(label) }) }],
  };
}

/** One key for as long as the dialog is open: a double click or a retry does not raise two items. */
const useKey = () => useState(newIdempotencyKey)[0];

interface RaiseValues { project_id: number; category: CoordinationCategory; description: string; ask: string }

export function RaiseModal({ projectId, onClose, onDone }: { projectId?: number; onClose: () => void; onDone: Done }) {
  const { t } = useI18n();
  const rules = useRules();
  const [form] = Form.useForm<RaiseValues>();
  const key = useKey();
  return (
    <FormModal<RaiseValues>
      form={form} id="coord-raise" name="coord-raise" title={t('coord.raiseTitle')} okText={t('coord.raise')} width={600}
      fields={['project_id', 'category', 'description', 'ask']} initialValues={{ project_id: projectId }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = { project_id: v.project_id, category: v.category, description: v.description.trim(), ask: v.ask.trim() };
        onDone((await createCoordinationItem({ body, headers: { 'Idempotency-Key': key } })).data);
      }}
    >
      <Form.Item name="project_id" label={t('coord.f.project')} rules={rules.pick('coord.f.project')} hidden={projectId != null}>
        <ProjectSelect />
      </Form.Item>
      <Form.Item name="category" label={t('coord.f.category')} rules={rules.pick('coord.f.category')}>
        <Select options={enumOptions(t, 'coordinationCategory', CATEGORIES)} />
      </Form.Item>
      <Form.Item name="description" label={t('coord.f.description')} rules={rules.text('coord.f.description')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="ask" label={t('coord.f.ask')} rules={rules.text('coord.f.ask')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

type StepCall<B> = (o: { path: { item_id: number }; body: B; headers: Record<string, string> }) => Promise<{ data: CoordinationItemPublic }>;

/** A step on an item (assign, reply, escalate, close): a dialog whose form becomes the step's body, posted once. */
function StepModal<V, B>({ item, step, call, title, okText, fields, initialValues, toBody, intro, width, onClose, onDone, children }: {
  item: CoordinationItemPublic;
  step: string;
  call: StepCall<B>;
  title: string;
  okText: string;
  fields: readonly string[];
  initialValues?: Partial<V>;
  toBody: (values: V) => B;
  intro?: ReactNode;
  width?: number;
  onClose: () => void;
  onDone: Done;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const key = useKey();
  return (
    <FormModal<V>
      form={form} id={`coord-${step}`} name={`coord-${step}`} title={title} okText={okText} width={width} fields={fields}
      initialValues={initialValues} intro={intro} onClose={onClose}
      onSubmit={async (v) => onDone((await call({ path: { item_id: item.id }, body: toBody(v), headers: { 'Idempotency-Key': key } })).data)}
    >
      {children}
    </FormModal>
  );
}

interface StepProps { item: CoordinationItemPublic; onClose: () => void; onDone: Done }
interface AssignValues { assignee_unit_id: number; due_date: Dayjs }

export function AssignModal(props: StepProps) {
  const { t } = useI18n();
  const rules = useRules();
  const { item } = props;
  return (
    <StepModal<AssignValues, CoordinationAssign>
      {...props} step="assign" call={assignCoordinationItem} title={t('coord.assignTitle')}
      okText={t(item.assignee_unit_id != null ? 'coord.act.reassign' : 'coord.act.assign')} fields={['assignee_unit_id', 'due_date']}
      initialValues={{ assignee_unit_id: item.assignee_unit_id ?? undefined, due_date: item.due_date ? dayjs(item.due_date) : dayjs().add(14, 'day') }}
      intro={<p className="zs-muted">{t('coord.assignHint')}</p>}
      toBody={(v) => ({ assignee_unit_id: v.assignee_unit_id, due_date: v.due_date.format('YYYY-MM-DD') })}
    >
      <Form.Item name="assignee_unit_id" label={t('coord.f.assignee')} rules={rules.pick('coord.f.assignee')}>
        <UnitSelect allowClear={false} />
      </Form.Item>
      <Form.Item name="due_date" label={t('coord.f.dueDate')} rules={rules.pick('coord.f.dueDate')}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </StepModal>
  );
}

export function ReplyModal(props: StepProps) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <StepModal<CoordinationReplyCreate, CoordinationReplyCreate>
      {...props} step="reply" call={replyCoordinationItem} title={t('coord.replyTitle')} okText={t('coord.act.reply')} width={600}
      fields={['text', 'progress']} initialValues={{ progress: 'in_progress' }}
      toBody={(v) => ({ text: v.text.trim(), progress: v.progress })}
    >
      <Form.Item name="text" label={t('coord.reply.text')} rules={rules.text('coord.reply.text', 4000)}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.Item name="progress" label={t('coord.reply.progress')}>
        <Radio.Group options={PROGRESSES.map((p) => ({ value: p, label: enumLabel(t, 'coordinationProgress', p) }))} />
      </Form.Item>
    </StepModal>
  );
}

/** The quarter whose meeting comes next: this one. */
export function currentQuarter(now = dayjs()) {
  return { year: now.year(), quarter: Math.floor(now.month() / 3) + 1 };
}

export function EscalateModal(props: StepProps) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <StepModal<CoordinationEscalate, CoordinationEscalate>
      {...props} step="escalate" call={escalateCoordinationItem} title={t('coord.escalateTitle')} okText={t('coord.act.escalate')}
      fields={['year', 'quarter', 'reason']} initialValues={currentQuarter()}
      toBody={(v) => ({ year: v.year, quarter: v.quarter, reason: v.reason.trim() })}
    >
      <Space>
        <Form.Item name="year" label={t('coord.escalate.year')} rules={rules.pick('coord.escalate.year')}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="quarter" label={t('coord.escalate.quarter')} rules={rules.pick('coord.escalate.quarter')}>
          <Select style={{ width: 100 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: `Q${q}` }))} />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('coord.escalate.reason')} rules={rules.text('coord.escalate.reason')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </StepModal>
  );
}

export function CloseModal(props: StepProps) {
  const { t } = useI18n();
  const rules = useRules();
  return (
    <StepModal<CoordinationClose, CoordinationClose>
      {...props} step="close" call={closeCoordinationItem} title={t('coord.closeTitle')} okText={t('coord.act.close')}
      fields={['note']} toBody={(v) => ({ note: v.note.trim() })}
    >
      <Form.Item name="note" label={t('coord.close.note')} rules={rules.text('coord.close.note')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </StepModal>
  );
}
