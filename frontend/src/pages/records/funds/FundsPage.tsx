import { RecordListPage } from '../components/RecordListPage';
import { fundsList } from '../kinds/funds';

export default function FundsPage() {
  return <RecordListPage def={fundsList} />;
}
