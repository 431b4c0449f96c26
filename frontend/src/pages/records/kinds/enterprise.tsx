// An enterprise (企业库): its list; its record page (class proposal, merge) is enterprises/EnterprisePage.tsx.
import { Checkbox, Tag } from 'antd';
import { Link } from 'react-router';
import { listEnterprises, type EnterprisePublic } from '../../../api';
import { enumLabel } from '../../../i18n/enums';
import { useI18n } from '../../../i18n/I18nProvider';
import { ENTERPRISE_CLASSES } from '../../../lib/enums';
import { classField } from '../components/EnterpriseFields';
import { enterpriseClassFilter, type FilterSpec, type ListDef, pageOf, searchFilter, textFilter } from './kit';

export function EnterpriseClassTags({ e }: { e: EnterprisePublic }) {
  const { t } = useI18n();
  const classes = ENTERPRISE_CLASSES.filter((c) => e[classField(c)]);
  return classes.length ? <>{classes.map((c) => <Tag key={c} color="blue">{enumLabel(t, 'enterpriseClass', c)}</Tag>)}</> : <>—</>;
}

/** Merged enterprises too, for those who merge them. */
const includeMergedFilter: FilterSpec = {
  keys: { include_merged: 'flag' },
  render: ({ values, update, t, scope }) => scope.canMerge && (
    <Checkbox checked={values.include_merged === 'true'} onChange={(e) => update({ include_merged: e.target.checked ? 'true' : null })}>
      {t('f.merged_into_id')}
    </Checkbox>
  ),
};

export const enterpriseList: ListDef<EnterprisePublic> = {
  kind: 'enterprise', title: 'ent.title', newLabel: 'ent.new', importable: true, testId: 'enterprises-table',
  defaultSort: 'name', sortable: { name: 'name' },
  fetchPage: pageOf(listEnterprises),
  filters: [
    searchFilter('ent.searchPlaceholder', 260), enterpriseClassFilter(190, 'class-filter'), textFilter('province', 'f.province'),
    textFilter('city', 'f.city'), textFilter('industry', 'f.industry'), includeMergedFilter,
  ],
  useColumns: () => {
    const { t } = useI18n();
    return [
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
  },
};
