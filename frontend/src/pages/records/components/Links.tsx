// Links to related records by id, with their names fetched (a few at a time; each is cached).
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getProject, getVisit, type EnterpriseRef } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';
import { RECORD_PAGES } from '../../../lib/recordPaths';
import { COLLECTION } from '../lib/api';

/** "、" between the links, as a Chinese list is written. */
function LinkList({ links }: { links: { id: number; to: string; label: string }[] }) {
  return (
    <>
      {links.map((l, i) => (
        <span key={l.id}>
          {i > 0 && '、'}
          <Link to={l.to}>{l.label}</Link>
        </span>
      ))}
    </>
  );
}

/** Records of one kind by id, each named once its record is fetched ("#id" until then). */
function RecordLinks<R>({ kind, ids, load, name }: {
  kind: 'project' | 'visit';
  ids: readonly number[];
  load: (id: number) => Promise<R>;
  name: (r: R) => string;
}) {
  const records = useQueries({
    queries: ids.map((id) => ({
      queryKey: [COLLECTION[kind], 'detail', id],
      queryFn: () => load(id),
      staleTime: 60_000,
    })),
  });
  return (
    <LinkList
      links={ids.map((id, i) => {
        const r = records[i]?.data;
        return { id, to: `${RECORD_PAGES[kind]}/${id}`, label: r ? name(r) : `#${id}` };
      })}
    />
  );
}

export function ProjectLinks({ ids }: { ids: readonly number[] }) {
  return (
    <RecordLinks kind="project" ids={ids} load={async (id) => (await getProject({ path: { project_id: id } })).data}
                 name={(p) => p.name} />
  );
}

export function VisitLinks({ ids }: { ids: readonly number[] }) {
  const { t } = useI18n();
  return (
    <RecordLinks kind="visit" ids={ids} load={async (id) => (await getVisit({ path: { visit_id: id } })).data}
                 name={(v) => t('visit.heading', { name: v.enterprise?.name ?? '', date: v.visit_date })} />
  );
}

/** The enterprises a record names (they come with it). */
export function EnterpriseLinks({ enterprises }: { enterprises: readonly EnterpriseRef[] }) {
  return <LinkList links={enterprises.map((e) => ({ id: e.id, to: `${RECORD_PAGES.enterprise}/${e.id}`, label: e.name }))} />;
}
