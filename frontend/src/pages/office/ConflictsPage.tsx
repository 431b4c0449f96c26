import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  decideConflict,
  exportConflicts,
  getEnterprise,
  listConflicts,
  mergeEnterprise,
  type ConflictPublic,
  type ConflictRecord,
  type DecisionCreate,
} from '../../api';
import { ListActions } from '../../components/ListActions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useUserNames } from '../../hooks/useUserNames';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadFrom } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { recordPath } from '../../lib/recordPaths';
import { useUrlFilters } from '../../lib/searchParams';
import { ConflictPair } from './components/ConflictPair';
import { FormModal } from './components/FormModal';
import { useCodeLabel } from './components/hooks';
import { newIdempotencyKey } from './components/officeFormat';
import { reasonRules, useWriteDone } from './components/submit';
import './components/office.css';

const FILTERS = ['decided', 'kind'] as const;
const KINDS: ConflictPublic['kind'][] = ['enterprise_multi_unit', 'duplicate_project', 'duplicate_enterprise'];
type Decision = DecisionCreate['decision'];
const KIND_COLOURS: Record<string, string> = {
  enterprise_multi_unit: 'orange',
  duplicate_project: 'volcano',
  duplicate_enterprise: 'purple',
};

export default function ConflictsPage() {
  const { t } = useI18n();
  const code = useCodeLabel();
  const unitName = useUnitNames();
  const userName = useUserNames();
  const { values, update } = useUrlFilters(FILTERS);
  const includeDecided = values.decided === '1';
  const kind = KINDS.includes(values.kind as ConflictPublic['kind']) ? values.kind : '';
  const [deciding, setDeciding] = useState<ConflictPublic | null>(null);
  const [merging, setMerging] = useState<ConflictPublic | null>(null);

  const conflicts = useQuery({
    queryKey: ['conflicts', { includeDecided }],
    queryFn: async () => (await listConflicts({ query: { include_decided: includeDecided } })).data.data,
  });
  const rows = (conflicts.data ?? []).filter((c) => !kind || c.kind === kind);

  const sideLabel = (r: ConflictRecord) => (r.unit_id ? unitName(r.unit_id) : r.unit_name) ?? '';
  const side = (r: ConflictRecord | undefined, letter: 'A' | 'B') => {
    if (!r) return '—';
    const path = recordPath(r.record_type, r.id);
    return (
      <div>
        <div className="zs-side">
          <Tag>{letter}</Tag>
          {path ? (
            <Link to={path} className="zs-side-name">
              {r.name}
            </Link>
          ) : (
            <span className="zs-side-name">{r.name}</span>
          )}
          <span className="zs-muted">#{r.id}</span>
        </div>
        {(r.unit_id || r.amount) && (
          <div className="zs-muted" style={{ fontSize: 12 }}>
            {[sideLabel(r), r.amount ? `${formatMoney(r.amount)} ${t('office.unit.wan')}` : ''].filter(Boolean).join(' · ')}
          </div>
        )}
      </div>
    );
  };

  const columns: TableColumnsType<ConflictPublic> = [
    {
      title: t('office.conflicts.kind'),
      dataIndex: 'kind',
      width: 200,
      render: (k: string, c) => (
        <>
          <Tag color={KIND_COLOURS[k]}>{code('conflictKind', k)}</Tag>
          <div className="zs-muted" style={{ fontSize: 12, marginTop: 4 }}>
            {c.detected_reason}
          </div>
        </>
      ),
    },
    { title: t('office.conflicts.sideA'), key: 'a', render: (_: unknown, c) => side(c.records[0], 'A') },
    { title: t('office.conflicts.sideB'), key: 'b', render: (_: unknown, c) => side(c.records[1], 'B') },
    {
      title: t('office.conflicts.decision'),
      key: 'decision',
      width: 210,
      render: (_: unknown, c) =>
        c.decision ? (
          <>
            <Tag color="green">{code('conflictDecision', c.decision)}</Tag>
            <div style={{ fontSize: 12 }}>{c.decision_reason}</div>
            <div className="zs-muted" style={{ fontSize: 12 }}>
              {userName(c.decided_by)} · {formatDateTime(c.decided_at)}
            </div>
          </>
        ) : (
          <Tag color="gold">{t('office.conflicts.open')}</Tag>
        ),
    },
    {
      title: t('office.common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, c) =>
        c.decision ? null : (
          <Space size={4} wrap>
            {c.kind === 'duplicate_enterprise' && (
              <Button size="small" type="primary" onClick={() => setMerging(c)}>
                {t('office.conflicts.merge')}
              </Button>
            )}
            <Button size="small" onClick={() => setDeciding(c)}>
              {t('office.conflicts.decide')}
            </Button>
          </Space>
        ),
    },
  ];

  // the server's workbook of the same list (every kind; the kind filter here only narrows the screen)
  const exportXlsx = () =>
    downloadFrom(
      () => exportConflicts({ query: { include_decided: includeDecided }, parseAs: 'blob' }),
      `${t('menu.conflicts')}.xlsx`,
    );

  return (
    <>
      <PageHeader
        title={t('menu.conflicts')}
        extra={
          <ListActions
            onRefresh={() => void conflicts.refetch()}
            refreshing={conflicts.isFetching}
            onExport={exportXlsx}
            canExport={rows.length > 0}
          />
        }
      />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select
            aria-label={t('office.conflicts.kind')}
            value={kind}
            onChange={(v) => update({ kind: v || null })}
            style={{ width: 220 }}
            options={[
              { value: '', label: t('common.filter', { label: t('office.conflicts.kind'), value: t('common.all') }) },
              ...KINDS.map((k) => ({ value: k, label: code('conflictKind', k) })),
            ]}
          />
          <label className="zs-toggle">
            <Switch
              checked={includeDecided}
              onChange={(on) => update({ decided: on ? '1' : null })}
              aria-label={t('office.conflicts.includeDecided')}
            />
            {t('office.conflicts.includeDecided')}
          </label>
          <span className="zs-muted">{t('office.conflicts.hint')}</span>
        </div>
        {conflicts.isError && <QueryError error={conflicts.error} onRetry={() => void conflicts.refetch()} />}
        <Table<ConflictPublic>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={conflicts.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          footer={rows.length ? () => t('common.total', { count: rows.length }) : undefined}
          locale={{ emptyText: conflicts.isPending ? ' ' : t('office.conflicts.empty') }}
          data-testid="conflicts-table"
        />
      </div>
      {deciding && <DecideModal conflict={deciding} onClose={() => setDeciding(null)} />}
      {merging && <MergeModal conflict={merging} onClose={() => setMerging(null)} />}
    </>
  );
}

function DecideModal({ conflict, onClose }: { conflict: ConflictPublic; onClose: () => void }) {
  const { t } = useI18n();
  const code = useCodeLabel();
  const done = useWriteDone();
  const [form] = Form.useForm<{ decision: Decision; reason: string }>();
  const options: Decision[] =
    conflict.kind === 'duplicate_enterprise' ? ['not_a_conflict'] : ['not_a_conflict', 'keep_first', 'keep_second'];

  const decide = async (v: { decision: Decision; reason: string }) => {
    await decideConflict({
      body: { key: conflict.key, decision: v.decision, reason: v.reason.trim() },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    await done(t('office.conflicts.decided'), { queryKey: ['conflicts'] });
    onClose();
  };

  return (
    <FormModal
      form={form}
      id="zs-decide-form"
      name="zsDecide"
      title={t('office.conflicts.decideTitle')}
      okText={t('office.conflicts.decide')}
      fields={['decision', 'reason']}
      initialValues={{}}
      intro={
        <>
          <p>
            <Tag>{code('conflictKind', conflict.kind)}</Tag>
            {conflict.detected_reason}
          </p>
          <ConflictPair records={conflict.records} />
        </>
      }
      onSubmit={decide}
      onClose={onClose}
    >
      <Form.Item name="decision" label={t('office.conflicts.decision')} rules={[{ required: true, message: t('office.conflicts.pickDecision') }]}>
        <Radio.Group>
          <Space direction="vertical">
            {options.map((o) => (
              <Radio key={o} value={o}>
                {code('office.conflicts.option', o)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="reason" label={t('office.conflicts.decisionReason')} rules={reasonRules(t)}>
        <Input.TextArea autoFocus rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}

function MergeModal({ conflict, onClose }: { conflict: ConflictPublic; onClose: () => void }) {
  const { t } = useI18n();
  const done = useWriteDone();
  const [form] = Form.useForm<{ keep: 'a' | 'b'; reason: string }>();
  const keep = Form.useWatch('keep', form) ?? 'a';
  const [a, b] = conflict.records;
  const details = useQuery({
    queryKey: ['enterprise-pair', a?.id, b?.id],
    queryFn: async () =>
      Promise.all([a, b].map(async (r) => (await getEnterprise({ path: { enterprise_id: r.id } })).data)),
    enabled: Boolean(a && b),
  });
  const survivor = keep === 'a' ? a : b;
  const merged = keep === 'a' ? b : a;
  const uscc = (id: number) => details.data?.find((e) => e.id === id)?.uscc ?? t('common.none');

  const merge = async (v: { keep: 'a' | 'b'; reason: string }) => {
    const into = v.keep === 'a' ? a : b;
    const from = v.keep === 'a' ? b : a;
    await mergeEnterprise({
      path: { enterprise_id: from.id },
      body: { into_id: into.id, reason: v.reason.trim() },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    await done(
      t('office.conflicts.merged', { from: from.name, into: into.name }),
      { queryKey: ['conflicts'] },
      { predicate: (q) => String(q.queryKey[0]).startsWith('enterprise') },
    );
    onClose();
  };

  if (!a || !b) return null;
  return (
    <FormModal
      form={form}
      id="zs-merge-form"
      name="zsMerge"
      width={620}
      title={t('office.conflicts.mergeTitle')}
      okText={t('office.conflicts.mergeConfirm')}
      danger
      fields={['reason']}
      initialValues={{ keep: 'a' }}
      onSubmit={merge}
      onClose={onClose}
    >
      <Form.Item name="keep" label={t('office.conflicts.survivor')}>
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="a">
              {t('common.filter', { label: 'A', value: a.name })}
              {t('office.common.paren', { text: `${t('office.conflicts.uscc')} ${uscc(a.id)}` })}
            </Radio>
            <Radio value="b">
              {t('common.filter', { label: 'B', value: b.name })}
              {t('office.common.paren', { text: `${t('office.conflicts.uscc')} ${uscc(b.id)}` })}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('office.conflicts.mergeWhat', { from: merged.name, into: survivor.name })}
        description={t('office.conflicts.mergeMoves', { from: merged.name, into: survivor.name })}
        data-testid="merge-summary"
      />
      <Form.Item name="reason" label={t('office.conflicts.mergeReason')} rules={reasonRules(t)}>
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
