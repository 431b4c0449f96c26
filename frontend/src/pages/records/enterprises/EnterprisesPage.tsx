import { Checkbox, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { listEnterprises, type EnterprisePublic } from '../../../api';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES } from '../../../lib/enums';
import { classField } from '../components/EnterpriseFields';
import { EnumFilter, SearchFilter } from '../components/Filters';
import { RecordListPage, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';
import { TextFilter } from './TextFilter';

const FILTERS = ['q', 'enterprise_class', 'province', 'city', 'industry', 'include_merged'] as const;
type F = (typeof FILTERS)[number];

export function EnterpriseClassTags({ e }: { e: EnterprisePublic }) {
  const { t } = useI18n();
  const classes = ENTERPRISE_CLASSES.filter((c) => e[classField(c)]);
  return classes.length ? <>{classes.map((c) => <Tag key={c} color="blue">{enumLabel(t, 'enterpriseClass', c)}</Tag>)}</> : <>—</>;
}

export default function EnterprisesPage() {
  const { t } = useI18n();
  const scope = useRecordScope();
  const fetchPage = useCallback(async (q: Query) => (await listEnterprises({ query: q })).data, []);

  const columns: TableColumnsType<EnterprisePublic> = [
    {
      title: t('f.name'), dataIndex: 'name', key: 'name',
      render: (n: string, e) => (
        <>
          <Link to={`/enterprises/${e.id}`}>{n}</Link>
          {e.merged_into_id && <Tag style={{ marginInlineStart: 6 }}>{t('f.merged_into_id')} #{e.merged_into_id}</Tag>}
        </>
      ),
    },
    { title: t('f.uscc'), dataIndex: 'uscc', width: 190, render: (u: string | null) => <span style={{ fontFamily: 'monospace' }}>{u ?? '—'}</span> },
    { title: t('ent.origin'), key: 'origin', width: 140, render: (_: unknown, e) => [e.province, e.city].filter(Boolean).join(' ') || (e.country !== '中国' ? e.country : '—') },
    { title: t('f.industry'), dataIndex: 'industry', width: 120, responsive: ['lg'], render: (s: string) => s || '—' },
    { title: t('f.classes'), key: 'classes', render: (_: unknown, e) => <EnterpriseClassTags e={e} /> },
  ];

  return (
    <RecordListPage<EnterprisePublic, F>
      kind="enterprise"
      title={t('ent.title')}
      newLabel={t('ent.new')}
      filterKeys={FILTERS}
      defaultSort="name"
      sortable={{ name: 'name' }}
      toQuery={(v) => ({
        q: v.q || undefined,
        enterprise_class: v.enterprise_class || undefined,
        province: v.province || undefined,
        city: v.city || undefined,
        industry: v.industry || undefined,
        include_merged: v.include_merged === 'true' ? true : undefined,
      })}
      fetchPage={fetchPage}
      columns={columns}
      exportName={`${t('ent.title')}.xlsx`}
      testId="enterprises-table"
      renderFilters={(v, update) => (
        <>
          <SearchFilter value={v.q} onCommit={(q) => update({ q: q || null })} placeholder={t('ent.searchPlaceholder')} width={260} />
          <EnumFilter label={t('rec.enterpriseClass')} name="enterpriseClass" codes={ENTERPRISE_CLASSES} value={v.enterprise_class}
                      onChange={(x) => update({ enterprise_class: x || null })} width={190} testId="class-filter" />
          <TextFilter label={t('f.province')} value={v.province} onCommit={(x) => update({ province: x || null })} />
          <TextFilter label={t('f.city')} value={v.city} onCommit={(x) => update({ city: x || null })} />
          <TextFilter label={t('f.industry')} value={v.industry} onCommit={(x) => update({ industry: x || null })} />
          {scope.canMerge && (
            <Checkbox checked={v.include_merged === 'true'} onChange={(e) => update({ include_merged: e.target.checked ? 'true' : null })}>
              {t('f.merged_into_id')}
            </Checkbox>
          )}
        </>
      )}
    />
  );
}
