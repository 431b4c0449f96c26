import { RecordListPage } from '../components/RecordListPage';
import { visitList } from '../kinds/visit';

export default function VisitsPage() {
  return <RecordListPage def={visitList} />;
}
