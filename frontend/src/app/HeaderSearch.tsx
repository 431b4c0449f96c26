import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { listEnterprises, listLeads, listProjects } from '../api';
import { useI18n } from '../i18n/I18nProvider';
import { useDebounced } from '../pages/records/lib/hooks';

const EACH = 5;

/**
 * One box for every record type (enterprise name or USCC, project name, lead's enterprise), answered by the lists'
 * own `q` search, so each caller finds exactly what the lists would show them.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['header-search', q],
    enabled: q.length >= 2,
    staleTime: 30_000,
    queryFn: async () => {
      const [enterprises, projects, leads] = await Promise.all([
        listEnterprises({ query: { q, limit: EACH } }),
        listProjects({ query: { q, limit: EACH } }),
        listLeads({ query: { q, limit: EACH } }),
      ]);
      return { enterprises: enterprises.data.data, projects: projects.data.data, leads: leads.data.data };
    },
  });
  const group = (label: string, items: { value: string; label: string }[]) =>
    items.length ? [{ label, options: items }] : [];
  const options = found.data
    ? [
        ...group(t('search.enterprises'), found.data.enterprises.map((e) => ({
          value: `/enterprises/${e.id}`, label: e.uscc ? `${e.name}（${e.uscc}）` : e.name,
        }))),
        ...group(t('search.projects'), found.data.projects.map((p) => ({ value: `/projects/${p.id}`, label: p.name }))),
        ...group(t('search.leads'), found.data.leads.map((l) => ({
          value: `/leads/${l.id}`, label: `${l.enterprise?.name ?? `#${l.enterprise_id}`} · ${l.received_on}`,
        }))),
      ]
    : [];
  const none = q.length >= 2 && found.data && options.length === 0;

  return (
    <AutoComplete
      className="zs-header-search"
      value={text}
      options={none ? [{ label: t('search.none'), options: [] }] : options}
      onChange={setText}
      onSelect={(path: string) => {
        if (!path) return;
        setText('');
        void navigate(path);
      }}
      popupMatchSelectWidth={360}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="header-search"
      />
    </AutoComplete>
  );
}
