import { Checkbox, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { listEnterprises, type EnterprisePublic } from '../../../api';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES } from '../../../lib/enums';
import { classField } from '../components/EnterpriseFields';
import { EnterpriseClassFilter, SearchFilter } from '../components/Filters';
import { RecordListPage, type FilterType, type Query } from '../components/RecordListPage';
import { useRecordScope } from '../lib/hooks';
import { TextFilter } from './TextFilter';

const FILTERS = {
  q: 'text', enterprise_class: 'text', province: 'text', city: 'text', industry: 'text', include_merged: 'flag',
} satisfies Record<string, FilterType>;
const fetchPage = async (q: Query) => (await listEnterprises({ query: q })).data;

export function EnterpriseClassTags({ e }: { e: EnterprisePublic }) {
  const { t } = useI18n();
  const classes = ENTERPRISE_CLASSES.filter((c) => e[classField(c)]);
  return classes.length ? <>{classes.map((c) => <Tag key={c} color="blue">{enumLabel(t, 'enterpriseClass', c)}</Tag>)}</> : <>—</>;
}

export default function EnterprisesPage() {
  const { t } = useI18n();
  const scope = useRecordScope();

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
    <RecordListPage<EnterprisePublic, keyof typeof FILTERS>
      kind="enterprise"
      title={t('ent.title')}
      newLabel={t('ent.new')}
      filters={FILTERS}
      defaultSort="name"
      sortable={{ name: 'name' }}
      fetchPage={fetchPage}
      columns={columns}
      testId="enterprises-table"
      renderFilters={(v, update, bind) => (
        <>
          <SearchFilter {...bind('q')} placeholder={t('ent.searchPlaceholder')} width={260} />
          <EnterpriseClassFilter {...bind('enterprise_class')} width={190} testId="class-filter" />
          <TextFilter label={t('f.province')} {...bind('province')} />
          <TextFilter label={t('f.city')} {...bind('city')} />
          <TextFilter label={t('f.industry')} {...bind('industry')} />
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
