import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  addTarget, createTargetSet, listAuditEvents, updateTarget, type TargetPublic, type TargetSetPublic, type UnitPublic,
} from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useUnitNames } from '../../../hooks/useUnitNames';
import { useI18n } from '../../../i18n/I18nProvider';
import { enumLabel } from '../../../i18n/enums';
import { downloadCsv } from '../../../lib/csv';
import { formatDateTime } from '../../../lib/format';
import { useMetrics } from '../../../hooks/useMetrics';
import { FormModal } from './FormModal';
import { TARGET_SETS_KEY, useCodeLabel, useTargetSets, useUnits } from './hooks';
import { formatFigure, newIdempotencyKey } from './officeFormat';
import { PROGRESS_QUERIES, useWriteDone } from './submit';

const THRESHOLD = /^\d{1,14}(\.\d{1,2})?$/;
const TERRITORIAL = ['county', 'dev_zone'];

const typesOf = (unitType: string | null) => (unitType === 'territorial' ? TERRITORIAL : unitType ? [unitType] : []);

/** The targets of a set: who each binds and its threshold; one unit's threshold adjusted, with its history. */
export function TargetsTab({ setId, onSetChange }: { setId: number | undefined; onSetChange: (id: number | null) => void }) {
  const { t, lang } = useI18n();
  const code = useCodeLabel();
  const metrics = useMetrics();
  const kindOf = metrics.kind;
  const unitName = useUnitNames();
  const { query, sets, active } = useTargetSets();
  const set = sets.find((s) => s.id === setId) ?? active;
  const [adjusting, setAdjusting] = useState<{ base: TargetPublic; unitId?: number } | null>(null);
  const [history, setHistory] = useState<TargetPublic | null>(null);
  const [exempting, setExempting] = useState<TargetPublic | null>(null);
  const [creating, setCreating] = useState(false);
  const targets = set?.targets ?? [];

  const title = (x: TargetPublic) => (lang === 'zh' ? x.title_zh : x.title_en || x.title_zh);
  const appliesTo = (x: TargetPublic) => {
    const what = enumLabel(t, 'appliesTo', x.applies_to);
    if (x.applies_to === 'unit') return t('common.filter', { label: what, value: unitName(x.unit_id) });
    if (x.unit_type) return t('common.filter', { label: what, value: code('office.unitTypeOf', x.unit_type) });
    return what;
  };
  // a zero threshold is a part counted towards a city total, not a target the unit is measured against
  const threshold = (x: TargetPublic) =>
    Number(x.threshold) === 0
      ? t('progress.status.no_target')
      : `${formatFigure(x.threshold, kindOf(x.metric))}${kindOf(x.metric) === 'money' ? ` ${t('office.unit.wan')}` : ''}`;
  const baseOf = (x: TargetPublic) =>
    targets.find((b) => b.code === x.code && b.applies_to === 'unit_type' && b.metric === x.metric);

  const columns: TableColumnsType<TargetPublic> = [
    { title: t('office.targets.code'), dataIndex: 'code', width: 70 },
    {
      title: t('office.targets.title'),
      key: 'title',
      render: (_: unknown, x) => (
        <>
          {title(x)}
          {x.note && <div className="zs-muted" style={{ fontSize: 12 }}>{x.note}</div>}
        </>
      ),
    },
    { title: t('office.targets.metric'), dataIndex: 'metric', width: 170, render: (m: string) => metrics.name(m) },
    {
      title: t('office.targets.appliesTo'),
      key: 'applies',
      width: 190,
      render: (_: unknown, x) =>
        x.applies_to === 'unit' ? (
          <Tag color="purple">{appliesTo(x)}</Tag>
        ) : (
          <>
            {appliesTo(x)}
            {x.exempt_unit_ids.length > 0 && (
              <div className="zs-muted" style={{ fontSize: 12 }} data-testid={`exempt-${x.code}`}>
                {t('office.targets.exemptCount', { count: x.exempt_unit_ids.length })}
              </div>
            )}
          </>
        ),
    },
    { title: t('office.targets.threshold'), key: 'threshold', width: 150, align: 'right', render: (_: unknown, x) => threshold(x) },
    { title: t('office.targets.period'), dataIndex: 'period', width: 100, render: (p: string) => enumLabel(t, 'period', p) },
    {
      title: t('office.common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, x) => {
        const base = x.applies_to === 'unit' ? baseOf(x) : x;
        return (
          <Space size={0} wrap>
            {(x.applies_to === 'unit_type' || (x.applies_to === 'unit' && base)) && (
              <Button
                type="link"
                size="small"
                onClick={() => setAdjusting({ base: base!, unitId: x.applies_to === 'unit' ? (x.unit_id ?? undefined) : undefined })}
              >
                {x.applies_to === 'unit' ? t('office.targets.change') : t('office.targets.adjustUnit')}
              </Button>
            )}
            {(x.applies_to === 'unit_type' || x.applies_to === 'unit_type_total') && (
              <Button type="link" size="small" onClick={() => setExempting(x)}>
                {t('office.targets.exempt')}
              </Button>
            )}
            <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistory(x)}>
              {t('office.targets.history')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const exportCsv = () =>
    set &&
    downloadCsv(
      `${t('office.settings.targets')}_${set.code}`,
      [t('office.targets.code'), t('office.targets.title'), t('office.targets.metric'), t('office.targets.appliesTo'),
        t('office.targets.threshold'), t('office.targets.period'), t('office.targets.note')],
      targets.map((x) => [x.code, title(x), metrics.name(x.metric), appliesTo(x), x.threshold,
        enumLabel(t, 'period', x.period), x.note]),
    );

  return (
    <>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      <div className="zs-panel">
        <div className="zs-toolbar">
          <Select
            aria-label={t('office.targets.set')}
            value={set?.id}
            onChange={(v: number) => onSetChange(v === active?.id ? null : v)}
            style={{ width: 360 }}
            loading={query.isPending}
            options={sets.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          />
          {set && (
            <span className="zs-muted">
              {set.start_date} — {set.end_date}{' '}
              {set.id === active?.id ? <Tag color="blue">{t('office.targets.default')}</Tag> : set.active ? <Tag>{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
            </span>
          )}
          <span style={{ flex: 1 }} />
          <Button onClick={exportCsv} disabled={!targets.length}>
            {t('common.exportExcel')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!set}>
            {t('office.targets.newSet')}
          </Button>
        </div>
        <Table<TargetPublic>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={targets}
          loading={query.isFetching}
          pagination={false}
          data-testid="targets-table"
        />
      </div>
      {adjusting && set && (
        <AdjustUnitModal set={set} base={adjusting.base} unitId={adjusting.unitId} onClose={() => setAdjusting(null)} />
      )}
      {history && <TargetHistory target={history} onClose={() => setHistory(null)} />}
      {exempting && <ExemptUnitsModal target={exempting} onClose={() => setExempting(null)} />}
      {creating && set && <NewSetModal from={set} onClose={() => setCreating(false)} onCreated={(id) => onSetChange(id)} />}
    </>
  );
}

interface AdjustValues {
  unit_id: number;
  threshold: string;
  note: string;
}

/** One unit's threshold: a target with applies_to=unit and the same code (created, or changed if it exists). */
function AdjustUnitModal({ set, base, unitId, onClose }: { set: TargetSetPublic; base: TargetPublic; unitId?: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const done = useWriteDone();
  const { units, nameOf } = useUnits();
  const [form] = Form.useForm<AdjustValues>();
  const chosen = Form.useWatch('unit_id', form) ?? unitId;
  const overrides = (set.targets ?? []).filter((x) => x.code === base.code && x.applies_to === 'unit');
  const existing = overrides.find((x) => x.unit_id === chosen);
  const candidates: UnitPublic[] = units.filter((u) => typesOf(base.unit_type).includes(u.type));
  const kind = useMetrics().kind(base.metric);
  const unitSuffix = kind === 'money' ? ` ${t('office.unit.wan')}` : '';

  const save = async (v: AdjustValues) => {
    const note = v.note?.trim() ?? '';
    if (existing) {
      await updateTarget({ path: { target_id: existing.id }, body: { threshold: v.threshold.trim(), note } });
    } else {
      await addTarget({
        path: { set_id: set.id },
        body: {
          code: base.code,
          metric: base.metric,
          applies_to: 'unit',
          unit_id: v.unit_id,
          threshold: v.threshold.trim(),
          period: base.period,
          title_zh: base.title_zh,
          title_en: base.title_en,
          note,
        },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
    }
    await done(t('office.targets.adjusted'), { queryKey: TARGET_SETS_KEY }, { queryKey: ['audit-events'] }, PROGRESS_QUERIES);
    onClose();
  };

  return (
    <FormModal
      form={form}
      id="zs-adjust-target-form"
      name="zsTarget"
      width={600}
      title={t('office.targets.adjustTitle', { code: base.code })}
      okText={t('office.common.save')}
      fields={['unit_id', 'threshold', 'note']}
      initialValues={{
        unit_id: unitId,
        threshold: overrides.find((x) => x.unit_id === unitId)?.threshold ?? '',
        note: overrides.find((x) => x.unit_id === unitId)?.note ?? '',
      }}
      intro={
        <>
          <p style={{ marginTop: 0 }}>{lang === 'zh' ? base.title_zh : base.title_en || base.title_zh}</p>
          <p className="zs-muted">
            {t('office.targets.baseThreshold', { value: formatFigure(base.threshold, kind) + unitSuffix })}
          </p>
        </>
      }
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item name="unit_id" label={t('office.field.unit')} rules={[{ required: true, message: t('office.targets.pickUnit') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          disabled={unitId !== undefined}
          autoFocus={unitId === undefined}
          options={candidates.map((u) => ({
            value: u.id,
            label: nameOf(u) + (overrides.some((x) => x.unit_id === u.id) ? ` (${t('office.targets.hasOwn')})` : ''),
          }))}
          onChange={(id: number) => {
            const own = overrides.find((x) => x.unit_id === id);
            form.setFieldsValue({ threshold: own?.threshold ?? '', note: own?.note ?? '' });
          }}
        />
      </Form.Item>
      <Form.Item
        name="threshold"
        label={t('office.targets.newThreshold') + unitSuffix}
        extra={existing ? t('office.targets.willUpdate', { value: formatFigure(existing.threshold, kind) }) : t('office.targets.willCreate')}
        rules={[
          { required: true, message: t('office.targets.thresholdRequired') },
          { pattern: THRESHOLD, message: t('office.targets.thresholdFormat') },
        ]}
      >
        <Input inputMode="decimal" style={{ width: 200 }} autoFocus={unitId !== undefined} />
      </Form.Item>
      <Form.Item name="note" label={t('office.targets.note')} rules={[{ max: 1000, message: t('office.common.tooLong', { max: 1000 }) }]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder={t('office.targets.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

/** Which units of its type a target binds: the office leaves some out (the plan's 其他市直部门 skip lead departments). */
function ExemptUnitsModal({ target, onClose }: { target: TargetPublic; onClose: () => void }) {
  const { t, lang } = useI18n();
  const done = useWriteDone();
  const { units, nameOf } = useUnits();
  const [form] = Form.useForm<{ exempt_unit_ids: number[] }>();
  const candidates = units.filter((u) => typesOf(target.unit_type).includes(u.type));

  const save = async (v: { exempt_unit_ids: number[] }) => {
    await updateTarget({ path: { target_id: target.id }, body: { exempt_unit_ids: v.exempt_unit_ids ?? [] } });
    await done(t('office.targets.exemptSaved'), { queryKey: TARGET_SETS_KEY }, { queryKey: ['audit-events'] }, PROGRESS_QUERIES);
    onClose();
  };

  return (
    <FormModal
      form={form}
      id="zs-exempt-target-form"
      name="zsExempt"
      width={640}
      title={t('office.targets.exemptTitle', { code: target.code })}
      okText={t('office.common.save')}
      fields={['exempt_unit_ids']}
      initialValues={{ exempt_unit_ids: target.exempt_unit_ids }}
      intro={<p style={{ marginTop: 0 }}>{lang === 'zh' ? target.title_zh : target.title_en || target.title_zh}</p>}
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item name="exempt_unit_ids" label={t('office.targets.exemptUnits')} extra={t('office.targets.exemptHelp')}>
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          options={candidates.map((u) => ({ value: u.id, label: nameOf(u) }))}
        />
      </Form.Item>
    </FormModal>
  );
}

/** A target's history from the audit log: who changed the threshold (or the note) when. */
function TargetHistory({ target, onClose }: { target: TargetPublic; onClose: () => void }) {
  const { t, lang } = useI18n();
  const code = useCodeLabel();
  const events = useQuery({
    queryKey: ['audit-events', { entity: 'target', entityId: target.id }],
    queryFn: async () => (await listAuditEvents({ query: { entity: 'target', entity_id: String(target.id), limit: 100 } })).data,
  });
  const kind = useMetrics().kind(target.metric);
  const fields = ['threshold', 'note', 'title_zh', 'title_en', 'exempt_unit_ids'];

  return (
    <Drawer open width={520} onClose={onClose} title={t('office.targets.historyTitle', { code: target.code })}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 't', label: t('office.targets.title'), children: lang === 'zh' ? target.title_zh : target.title_en || target.title_zh },
          { key: 'v', label: t('office.targets.threshold'), children: formatFigure(target.threshold, kind) },
        ]}
        style={{ marginBottom: 12 }}
      />
      {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      <Timeline
        items={(events.data?.data ?? []).map((e) => {
          const before = (e.before ?? {}) as Record<string, unknown>;
          const after = (e.after ?? {}) as Record<string, unknown>;
          const changed = fields.filter((f) => e.before == null ? after[f] !== undefined && after[f] !== '' : JSON.stringify(before[f]) !== JSON.stringify(after[f]));
          return {
            key: e.id,
            children: (
              <div>
                <div>
                  <b>{code('action', e.action)}</b> · {e.actor_name} · <span className="zs-muted">{formatDateTime(e.at)}</span>
                </div>
                <ul className="zs-diff" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {changed.map((f) => (
                    <li key={f}>
                      {code('office.targets.field', f)}
                      {t('office.common.colon')}
                      {e.before != null && <del>{f === 'threshold' ? formatFigure(String(before[f] ?? ''), kind) : String(before[f] ?? '—')}</del>}
                      {e.before != null && ' → '}
                      <ins>{f === 'threshold' ? formatFigure(String(after[f] ?? ''), kind) : String(after[f] ?? '—')}</ins>
                    </li>
                  ))}
                </ul>
              </div>
            ),
          };
        })}
      />
      {events.data && events.data.data.length === 0 && <p className="zs-muted">{t('office.targets.noHistory')}</p>}
    </Drawer>
  );
}

interface NewSetValues {
  code: string;
  name: string;
  period: [Dayjs, Dayjs];
  copy: boolean;
}

/** A target set for a new plan period, starting from the current set's targets. */
function NewSetModal({ from, onClose, onCreated }: { from: TargetSetPublic; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useI18n();
  const done = useWriteDone();
  const [form] = Form.useForm<NewSetValues>();
  const nextStart = dayjs(from.end_date).add(1, 'day');

  const create = async (v: NewSetValues) => {
    const { data } = await createTargetSet({
      body: {
        code: v.code.trim(),
        name: v.name.trim(),
        start_date: v.period[0].format('YYYY-MM-DD'),
        end_date: v.period[1].format('YYYY-MM-DD'),
        copy_from_id: v.copy ? from.id : null,
      },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    await done(t('office.targets.setCreated', { code: data.code }), { queryKey: TARGET_SETS_KEY });
    onCreated(data.id);
    onClose();
  };

  return (
    <FormModal
      form={form}
      id="zs-new-set-form"
      name="zsNewSet"
      width={600}
      title={t('office.targets.newSet')}
      okText={t('office.targets.create')}
      fields={['code', 'name', 'period']}
      rename={{ start_date: 'period', end_date: 'period' }}
      initialValues={{
        code: `${nextStart.year()}-${nextStart.year() + 2}`,
        name: '',
        period: [nextStart, nextStart.add(3, 'year').subtract(1, 'day')],
        copy: true,
      }}
      intro={<Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('office.targets.newSetWarning')} />}
      onSubmit={create}
      onClose={onClose}
    >
      <Form.Item name="code" label={t('office.targets.setCode')} rules={[{ required: true, whitespace: true, message: t('office.targets.setCodeRequired') }, { max: 32 }]}>
        <Input autoFocus maxLength={32} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="name" label={t('office.targets.setName')} rules={[{ required: true, whitespace: true, message: t('office.targets.setNameRequired') }, { max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="period" label={t('office.targets.setPeriod')} rules={[{ required: true, message: t('office.targets.setPeriodRequired') }]}>
        <DatePicker.RangePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="copy" valuePropName="checked">
        <Checkbox>{t('office.targets.copyFrom', { code: from.code, count: from.targets?.length ?? 0 })}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
