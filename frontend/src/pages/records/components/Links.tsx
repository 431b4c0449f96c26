// Links to related records by id, with their names fetched (a few at a time; each is cached).
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getProject, getVisit } from '../../../api';
import { useI18n } from '../../../i18n/I18nProvider';

export function ProjectLinks({ ids }: { ids: readonly number[] }) {
  const projects = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['projects', 'detail', id],
      queryFn: async () => (await getProject({ path: { project_id: id } })).data,
      staleTime: 60_000,
    })),
  });
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && '、'}
          <Link to={`/projects/${id}`}>{projects[i]?.data?.name ?? `#${id}`}</Link>
        </span>
      ))}
    </>
  );
}

export function VisitLinks({ ids }: { ids: readonly number[] }) {
  const { t } = useI18n();
  const visits = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['visits', 'detail', id],
      queryFn: async () => (await getVisit({ path: { visit_id: id } })).data,
      staleTime: 60_000,
    })),
  });
  return (
    <>
      {ids.map((id, i) => {
        const v = visits[i]?.data;
        return (
          <span key={id}>
            {i > 0 && '、'}
            <Link to={`/visits/${id}`}>{v ? t('visit.heading', { name: v.enterprise?.name ?? '', date: v.visit_date }) : `#${id}`}</Link>
          </span>
        );
      })}
    </>
  );
}
