import { RecordListPage } from '../components/RecordListPage';
import { eventList } from '../kinds/event';

export default function EventsPage() {
  return <RecordListPage def={eventList} />;
}
