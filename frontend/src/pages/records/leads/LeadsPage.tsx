import { RecordListPage } from '../components/RecordListPage';
import { leadList } from '../kinds/lead';

export default function LeadsPage() {
  return <RecordListPage def={leadList} />;
}
