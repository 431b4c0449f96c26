import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Radio, Select, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { getRules, listQuarters, listRuleVersions, setRules, type Rules, type RuleVersionPublic } from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatDateTime } from '../../../lib/format';
import { SubmitError } from './FormModal';
import { useCodeLabel } from './hooks';
import { newIdempotencyKey } from './officeFormat';
import { controlOf, RULE_CHOICES, ruleChanges, splitDescription, type RuleValues } from './ruleSettings';
import { PROGRESS_QUERIES, reasonRules, useFormSubmit } from './submit';

type FormValues = { rules: RuleValues; reason: string };

/** The counting rules: each setting with its description and the right control; saving makes a new version. */
export function RulesTab() {
  const { t } = useI18n();
  const code = useCodeLabel();
  const current = useQuery({ queryKey: ['rules'], queryFn: async () => (await getRules()).data });
  const versions = useQuery({ queryKey: ['rule-versions'], queryFn: async () => (await listRuleVersions()).data.data });
  const quarters = useQuery({ queryKey: ['quarters'], queryFn: async () => (await listQuarters()).data.data });
  const show = useShow();
  const nameOf = (key: string) => code('office.rules.name', key);

  const versionRows = versions.data ?? [];
  const usedBy = (id: number | null) =>
    (quarters.data ?? []).filter((q) => q.rule_version_id === id).map((q) => t('office.quarters.label', { year: q.year, quarter: q.quarter }));

  const versionColumns: TableColumnsType<RuleVersionPublic> = [
    {
      title: t('office.rules.version'),
      dataIndex: 'id',
      width: 110,
      render: (id: number, v) => (
        <>
          {t('office.rules.versionNo', { id })}
          {current.data?.id === v.id && (
            <Tag color="blue" style={{ marginLeft: 4 }}>
              {t('office.rules.inForce')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('office.rules.when'), dataIndex: 'created_at', width: 160, className: 'zs-nowrap', render: formatDateTime },
    { title: t('office.rules.who'), dataIndex: 'created_by', width: 100 },
    { title: t('office.rules.why'), dataIndex: 'reason', width: 200 },
    {
      title: t('office.rules.diff'),
      key: 'diff',
      render: (_: unknown, v) => {
        const index = versionRows.findIndex((x) => x.id === v.id);
        const previous = versionRows[index + 1]; // newest first
        if (!previous) return <span className="zs-muted">{t('office.rules.firstVersion')}</span>;
        const changes = ruleChanges(previous.rules, v.rules);
        if (!changes.length) return <span className="zs-muted">{t('office.rules.noChange')}</span>;
        return (
          <ul className="zs-diff" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {changes.map((c) => (
              <li key={c.key}>
                {nameOf(c.key)}
                {t('office.common.colon')}
                <del>{show(c.key, c.before)}</del> → <ins>{show(c.key, c.after)}</ins>
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      title: t('office.rules.usedBy'),
      key: 'used',
      width: 140,
      render: (_: unknown, v) => usedBy(v.id).map((l) => <Tag key={l}>{l}</Tag>),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('office.rules.frozenNote')} />
      {current.isError && <QueryError error={current.error} onRetry={() => void current.refetch()} />}
      {current.data && <RulesForm key={current.data.id ?? 'defaults'} current={current.data} />}
      <div className="zs-panel">
        <h2 className="zs-section-title">{t('office.rules.versions')}</h2>
        {versions.isError && <QueryError error={versions.error} onRetry={() => void versions.refetch()} />}
        <Table<RuleVersionPublic>
          rowKey={(v) => String(v.id)}
          size="small"
          columns={versionColumns}
          dataSource={versionRows}
          loading={versions.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: versions.isPending ? ' ' : t('office.rules.noVersions') }}
          data-testid="rule-versions"
        />
      </div>
    </>
  );
}

/** A setting's value in words: 是/否, a list, a choice's label. */
function useShow() {
  const { t } = useI18n();
  const code = useCodeLabel();
  return (key: string, v: unknown): string => {
    if (v === undefined || v === null) return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.length ? v.join(t('office.common.listSep')) : t('office.rules.emptyList');
    if (key in RULE_CHOICES) return code(`office.rules.choice.${key}`, String(v));
    return String(v);
  };
}

/** The form of the version in force (remounted when a new version is saved). */
function RulesForm({ current }: { current: RuleVersionPublic }) {
  const { t, lang } = useI18n();
  const code = useCodeLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, submit } = useFormSubmit(form, ['reason']);
  const rules = current.rules as RuleValues;
  const descriptions = current.descriptions ?? {};
  const keys = useMemo(() => Object.keys(rules), [rules]);
  const watched = Form.useWatch('rules', form) as RuleValues | undefined;
  const pending = watched ? ruleChanges(rules, { ...rules, ...watched }) : [];
  const nameOf = (key: string) => code('office.rules.name', key);
  const describe = (key: string) => {
    const d = splitDescription(descriptions[key]);
    return lang === 'zh' ? d.zh : d.en;
  };

  const save = async (v: FormValues) => {
    const body = { ...rules, ...v.rules } as Rules;
    const { data } = await setRules({
      body: { rules: body, reason: v.reason.trim() },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    void message.success(t('office.rules.savedAs', { id: data.id ?? '' }));
    // refreshed side by side
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['rules'] }),
      queryClient.invalidateQueries({ queryKey: ['rule-versions'] }),
      queryClient.invalidateQueries(PROGRESS_QUERIES),
    ]);
  };

  const control = (key: string) => {
    const kind = controlOf(key, rules[key]);
    const label = nameOf(key);
    switch (kind) {
      case 'switch':
        return <Switch aria-label={label} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
      case 'radio':
        return (
          <Radio.Group aria-label={label}>
            {(RULE_CHOICES[key as keyof Rules] ?? []).map((c) => (
              <Radio key={String(c)} value={c}>
                {code(`office.rules.choice.${key}`, String(c))}
              </Radio>
            ))}
          </Radio.Group>
        );
      case 'tags':
        return (
          <Select
            mode="tags"
            aria-label={label}
            style={{ maxWidth: 480 }}
            placeholder={t('office.rules.tagsPlaceholder')}
            tokenSeparators={[',', '，', '、']}
            open={false}
            suffixIcon={null}
          />
        );
      case 'ratio':
        return <InputNumber<string> stringMode min="0" max="1" step="0.05" aria-label={label} style={{ width: 120 }} />;
      default:
        return <Input aria-label={label} style={{ maxWidth: 360 }} />;
    }
  };

  return (
    <div className="zs-panel" style={{ marginBottom: 12 }}>
      <p className="zs-muted" style={{ marginTop: 0 }} data-testid="rules-current">
        {current.id
          ? t('office.rules.currentVersion', {
              id: current.id,
              who: current.created_by,
              when: formatDateTime(current.created_at),
              why: current.reason,
            })
          : t('office.rules.defaults')}
      </p>
      <SubmitError error={error} />
      <Form<FormValues>
        form={form}
        name="zsRules"
        className="zs-rules-form"
        layout="horizontal"
        labelCol={{ flex: '260px' }}
        wrapperCol={{ flex: 1 }}
        labelAlign="left"
        labelWrap
        colon={false}
        initialValues={{ rules, reason: '' }}
        onFinish={(v) => void submit(() => save(v))}
      >
        {keys.map((key) => (
          <Form.Item
            key={key}
            name={['rules', key]}
            label={nameOf(key)}
            extra={<span className="zs-rule-desc">{describe(key)}</span>}
            valuePropName={controlOf(key, rules[key]) === 'switch' ? 'checked' : 'value'}
            rules={controlOf(key, rules[key]) === 'ratio' ? [{ required: true, message: t('office.rules.ratioRequired') }] : []}
          >
            {control(key)}
          </Form.Item>
        ))}
        <Form.Item
          name="reason"
          label={t('office.rules.reason')}
          rules={reasonRules(t)}
          extra={
            pending.length
              ? t('office.rules.pending', { names: pending.map((c) => nameOf(c.key)).join(t('office.common.listSep')) })
              : t('office.rules.nothingChanged')
          }
        >
          <Input maxLength={1000} style={{ maxWidth: 560 }} />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="primary" htmlType="submit" loading={busy} disabled={!pending.length}>
            {t('office.rules.save')}
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}
