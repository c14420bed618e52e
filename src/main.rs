fn main() {
    event_center::start();
}
