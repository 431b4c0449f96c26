import { RecordListPage } from '../components/RecordListPage';
import { projectList } from '../kinds/project';

export default function ProjectsPage() {
  return <RecordListPage def={projectList} />;
}
