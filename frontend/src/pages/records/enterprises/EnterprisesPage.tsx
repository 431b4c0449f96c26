import { RecordListPage } from '../components/RecordListPage';
import { enterpriseList } from '../kinds/enterprise';

export default function EnterprisesPage() {
  return <RecordListPage def={enterpriseList} />;
}
