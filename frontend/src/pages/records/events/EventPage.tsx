import { kindRecordPage } from '../components/KindRecordPage';
import { eventRecord } from '../kinds/event';

const EventPage = kindRecordPage(eventRecord);
export default EventPage;
