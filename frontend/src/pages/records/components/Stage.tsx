// The project's stage: 在谈 → 签约 → 开工 → 投产 (forward only), or 终止 with a reason; each stage reached has
// a date. Form fields for editing and the timeline for reading.
import { Col, DatePicker, Form, Input, Row, Select, Steps, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ProjectPublic, Stage, StageStep } from '../../../api';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { useDateRules } from '../lib/dates';
import { useRequired } from '../lib/forms';

export const CHAIN = ['negotiating', 'signed', 'started', 'in_production'] as const satisfies readonly Stage[];
export type ChainStage = (typeof CHAIN)[number];
export const DATE_FIELD: Record<ChainStage, 'negotiating_on' | 'signed_on' | 'started_on' | 'in_production_on'> = {
  negotiating: 'negotiating_on', signed: 'signed_on', started: 'started_on', in_production: 'in_production_on',
};

/** The stages a project at `stage` has reached; a dropped one keeps those reached before (`from`). */
export function reachedStages(stage: Stage, from: Stage = 'negotiating'): ChainStage[] {
  if (stage !== 'dropped') return CHAIN.slice(0, CHAIN.indexOf(stage) + 1);
  if (from !== 'dropped') return CHAIN.slice(0, CHAIN.indexOf(from) + 1);
  return [];
}

/** Stages the project may move to from `current` (undefined: a new project). */
export function allowedStages(current?: Stage): Stage[] {
  if (!current) return [...CHAIN, 'dropped'];
  if (current === 'dropped') return ['dropped'];
  const forward = CHAIN.slice(CHAIN.indexOf(current));
  return current === 'in_production' ? forward : [...forward, 'dropped'];
}

export function StageFields({ current, droppedFrom }: { current?: Stage; droppedFrom?: ChainStage[] }) {
  const { t } = useI18n();
  const required = useRequired();
  const dateRules = useDateRules();
  const form = Form.useFormInstance();
  const stage = (Form.useWatch('stage', form) as Stage | undefined) ?? current ?? 'negotiating';
  const reached = stage === 'dropped' ? (droppedFrom ?? reachedStages('dropped', current ?? 'negotiating')) : reachedStages(stage);
  const label = (s: ChainStage) => t(`f.${DATE_FIELD[s]}` as MessageKey);

  const orderRule = (s: ChainStage) => ({
    validator: async (_: unknown, value: Dayjs | null) => {
      if (!value) return;
      const i = reached.indexOf(s);
      for (let j = i - 1; j >= 0; j -= 1) {
        const earlier = form.getFieldValue(DATE_FIELD[reached[j]]) as Dayjs | null;
        if (earlier) {
          if (value.isBefore(earlier, 'day')) throw new Error(t('project.dateOrder', { later: label(s), earlier: label(reached[j]) }));
          return;
        }
      }
    },
  });

  return (
    <>
      <Form.Item name="stage" label={t('f.stage')} extra={t('project.stageHelp')} rules={[{ required: true }]}>
        <Select
          style={{ maxWidth: 260 }}
          disabled={current === 'dropped'}
          options={allowedStages(current).map((s) => ({ value: s, label: enumLabel(t, 'stage', s) }))}
        />
      </Form.Item>
      <Row gutter={12}>
        {reached.map((s, i) => (
          <Col key={s} xs={12} md={6}>
            <Form.Item name={DATE_FIELD[s]} label={label(s)} rules={[orderRule(s), ...dateRules]}
                       dependencies={reached.slice(0, i).map((x) => DATE_FIELD[x])}
                       extra={i === reached.length - 1 && stage !== 'dropped' ? t('project.stageDateHelp') : undefined}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {stage === 'dropped' && (
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="dropped_on" label={t('f.dropped_on')} rules={dateRules}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name="drop_reason" label={t('f.drop_reason')}
                       rules={[required.text('f.drop_reason'), { max: 1000 }]}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}

export function StageTimeline({ project }: { project: Pick<ProjectPublic, 'stage' | 'timeline' | 'drop_reason'> }) {
  const { t } = useI18n();
  const steps: StageStep[] = project.timeline ?? [];
  const on = (s: Stage) => steps.find((x) => x.stage === s)?.on;
  const dropped = project.stage === 'dropped';
  const lastReached = Math.max(-1, ...CHAIN.map((s, i) => (on(s) ? i : -1)));
  const current = dropped ? lastReached + 1 : CHAIN.indexOf(project.stage as ChainStage);
  return (
    <div data-testid="stage-timeline">
      <Steps
        size="small"
        current={Math.min(current, CHAIN.length - 1)}
        status={dropped ? 'error' : current === CHAIN.length - 1 ? 'finish' : 'process'}
        items={CHAIN.map((s, i) => ({
          title: enumLabel(t, 'stage', s),
          description: on(s) ?? (dropped && i === current ? `${enumLabel(t, 'stage', 'dropped')} ${on('dropped') ?? ''}` : t('project.notReached')),
        }))}
      />
      {dropped && (
        <Tag color="error" style={{ marginTop: 8 }}>
          {t('project.droppedTitle', { reason: project.drop_reason ?? '—' })}
        </Tag>
      )}
    </div>
  );
}
