// Choosing enterprises from the shared library: search as you type (name, former name or credit code),
// and add a missing one inline.
import { PlusOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Form, Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { getEnterprise, listEnterprises, type EnterpriseRef } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { useRequired } from '../lib/forms';
import { useDebounced, useRecordScope } from '../lib/hooks';
import { EnterpriseCreateModal } from './EnterpriseCreateModal';

type Value = number | number[] | null | undefined;

const ids = (v: Value): number[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
export const enterpriseLabel = (e: EnterpriseRef) => (e.uscc ? `${e.name}（${e.uscc}）` : e.name);

export function EnterpriseSelect({ value, onChange, multiple = false, known = [], allowCreate = false, id, placeholder,
  allowClear = true, style, autoFocus, 'aria-label': ariaLabel, 'data-testid': testId }: {
  value?: Value;
  onChange?: (v: number | number[] | null) => void;
  multiple?: boolean;
  /** Enterprises already known by the caller (e.g. the record's), so their names show without a request. */
  known?: readonly EnterpriseRef[];
  /** Offer "新建企业" (writers only). */
  allowCreate?: boolean;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  autoFocus?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState<string | null>(null);
  const [added, setAdded] = useState<EnterpriseRef[]>([]);
  const q = useDebounced(search.trim());

  const found = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: async () => (await listEnterprises({ query: { q: q || undefined, limit: 20, sort: 'name' } })).data.data,
    staleTime: 30_000,
  });

  const selected = ids(value);
  const knownMap = useMemo(() => {
    const m = new Map<number, EnterpriseRef>();
    for (const e of [...known, ...added, ...(found.data ?? [])]) m.set(e.id, { id: e.id, name: e.name, uscc: e.uscc });
    return m;
  }, [known, added, found.data]);
  const missing = selected.filter((i) => !knownMap.has(i));
  const fetched = useQueries({
    queries: missing.map((eid) => ({
      queryKey: ['enterprises', 'detail', eid],
      queryFn: async () => (await getEnterprise({ path: { enterprise_id: eid } })).data,
      staleTime: 60_000,
    })),
  });
  const labelOf = (eid: number) => {
    const e = knownMap.get(eid) ?? fetched.find((f) => f.data?.id === eid)?.data;
    return e ? enterpriseLabel(e) : `#${eid}`;
  };

  const options: { value: number; label: string }[] = selected.map((eid) => ({ value: eid, label: labelOf(eid) }));
  for (const e of found.data ?? []) if (!selected.includes(e.id)) options.push({ value: e.id, label: enterpriseLabel(e) });

  const pick = (ref: EnterpriseRef) => {
    setAdded((a) => [...a, ref]);
    setCreating(null);
    onChange?.(multiple ? [...selected.filter((x) => x !== ref.id), ref.id] : ref.id);
  };

  return (
    <div className="zs-rec-picker" style={style}>
      <Select<number | number[]>
        id={id}
        autoFocus={autoFocus}
        aria-label={ariaLabel}
        data-testid={testId}
        mode={multiple ? 'multiple' : undefined}
        showSearch
        allowClear={allowClear}
        filterOption={false}
        value={multiple ? selected : (selected[0] ?? null)}
        onChange={(v) => {
          setSearch('');
          onChange?.(v === undefined ? null : (v as number | number[] | null));
        }}
        onSearch={setSearch}
        searchValue={search}
        options={options}
        placeholder={placeholder ?? t('ent.pickPlaceholder')}
        notFoundContent={found.isFetching ? <Spin size="small" /> : t('ent.noMatch')}
        popupRender={
          allowCreate
            ? (menu) => (
                <>
                  {menu}
                  <div className="zs-rec-picker-foot">
                    <Button type="link" size="small" icon={<PlusOutlined />} onMouseDown={(e) => e.preventDefault()}
                            onClick={() => setCreating(search.trim())}>
                      {t('ent.newInline')}
                    </Button>
                  </div>
                </>
              )
            : undefined
        }
        style={{ flex: 1, minWidth: 0 }}
        maxTagCount={multiple ? 'responsive' : undefined}
      />
      {allowCreate && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(search.trim())} data-testid="enterprise-new-inline">
          {t('ent.new')}
        </Button>
      )}
      {creating !== null && (
        <EnterpriseCreateModal initialName={creating} onClose={() => setCreating(null)} onDone={pick} />
      )}
    </div>
  );
}

/** A record's one enterprise, required: its own shows by name, a writer may add a missing one; focused on a new record. */
export function EnterpriseField({ record }: { record?: { enterprise?: EnterpriseRef | null } }) {
  const { t } = useI18n();
  const required = useRequired();
  const scope = useRecordScope();
  return (
    <Form.Item name="enterprise_id" label={t('f.enterprise_id')} rules={[required.choice('f.enterprise_id')]}>
      <EnterpriseSelect known={record?.enterprise ? [record.enterprise] : []} allowCreate={scope.canWrite} autoFocus={!record} />
    </Form.Item>
  );
}
