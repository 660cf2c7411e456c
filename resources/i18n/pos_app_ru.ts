<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Price changed from {old} to {new}: {reason}</source>
        <translation>Цена изменена с {old} на {new}: {reason}</translation>
    </message>
    <message>
        <source>Type the quantity in digits</source>
        <translation>Введите количество цифрами</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>Only a QR sale can get a new QR code.</source>
        <translation>Новый QR-код можно получить только для оплаты по QR.</translation>
    </message>
    <message>
        <source>This sale is already paid.</source>
        <translation>Эта продажа уже оплачена.</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s phone number.</source>
        <translation>Введите номер телефона покупателя.</translation>
    </message>
    <message>
        <source>This cart already waits for a payment to {phone}. Cancel it first.</source>
        <translation>Эта корзина уже ждёт оплату на номер {phone}. Сначала отмените её.</translation>
    </message>
    <message>
        <source>The payment is not confirmed yet; try again in a moment.</source>
        <translation>Оплата ещё не подтверждена; попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>No payment was created. Ring the cart up again.</source>
        <translation>Платёж не создан. Пробейте корзину ещё раз.</translation>
    </message>
</context>
<context>
    <name>CheckoutController</name>
    <message>
        <source>Show or hide the customer display</source>
        <translation>Показать или скрыть экран покупателя</translation>
    </message>
    <message>
        <source>The demo sandbox did not answer. Try again.</source>
        <translation>Демо-сервер не ответил. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>The payment could not be started. Try again.</source>
        <translation>Не удалось начать оплату. Попробуйте ещё раз.</translation>
    </message>
    <message>
        <source>No payment was created. Ring the cart up again.</source>
        <translation>Платёж не создан. Пробейте корзину ещё раз.</translation>
    </message>
    <message>
        <source>This number has no Kaspi. Ask for another number or use the QR.</source>
        <translation>У этого номера нет Kaspi. Попросите другой номер или используйте QR.</translation>
    </message>
    <message>
        <source>The payment service says: {reason}</source>
        <translation>Платёжный сервис сообщает: {reason}</translation>
    </message>
    <message>
        <source>The payment was not cancelled: {reason}</source>
        <translation>Оплата не отменена: {reason}</translation>
    </message>
    <message>
        <source>The earlier QR code was paid.</source>
        <translation>Предыдущий QR-код оплачен.</translation>
    </message>
    <message>
        <source>An earlier invoice for this cart reached the payment service late.</source>
        <translation>Более ранний счёт на эту корзину дошёл до платёжного сервиса с опозданием.</translation>
    </message>
    <message>
        <source>The customer paid it.</source>
        <translation>Покупатель его оплатил.</translation>
    </message>
    <message>
        <source>Cancel the newer payment request so the customer does not pay twice.</source>
        <translation>Отмените новый запрос на оплату, чтобы покупатель не заплатил дважды.</translation>
    </message>
    <message>
        <source>It is waiting for the customer again.</source>
        <translation>Он снова ждёт оплаты покупателем.</translation>
    </message>
    <message>
        <source>It was cancelled, so the customer cannot pay it twice.</source>
        <translation>Он отменён, поэтому покупатель не сможет заплатить дважды.</translation>
    </message>
    <message>
        <source>It could not be cancelled: cancel it in the Kaspi app or refund it if the customer pays it.</source>
        <translation>Отменить его не удалось: отмените его в приложении Kaspi или сделайте возврат, если покупатель его оплатит.</translation>
    </message>
    <message>
        <source>Cancel the payment?</source>
        <translation>Отменить оплату?</translation>
    </message>
    <message>
        <source>Cancel the payment request of {amount}? The customer will not be able to pay it any more.</source>
        <translation>Отменить запрос на оплату {amount}? Покупатель больше не сможет его оплатить.</translation>
    </message>
    <message>
        <source>Cancel the payment</source>
        <translation>Отменить оплату</translation>
    </message>
    <message>
        <source>Keep waiting</source>
        <translation>Ждать дальше</translation>
    </message>
    <message>
        <source>Too late to cancel: the customer has already paid.</source>
        <translation>Отменить уже нельзя: покупатель оплатил.</translation>
    </message>
    <message>
        <source>New QR code shown. The previous one is still watched.</source>
        <translation>Показан новый QR-код. За предыдущим приложение продолжает следить.</translation>
    </message>
    <message>
        <source>Paid twice</source>
        <translation>Оплачено дважды</translation>
    </message>
    <message>
        <source>The customer paid this cart twice ({amount} each, two QR codes). Refund the later payment?</source>
        <translation>Покупатель оплатил эту корзину дважды (по {amount}, два QR-кода). Вернуть более позднюю оплату?</translation>
    </message>
    <message>
        <source>Refund the later payment</source>
        <translation>Вернуть более позднюю оплату</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не сейчас</translation>
    </message>
    <message>
        <source>The refund failed: {reason}</source>
        <translation>Возврат не выполнен: {reason}</translation>
    </message>
    <message>
        <source>Refund of {amount} requested.</source>
        <translation>Запрошен возврат {amount}.</translation>
    </message>
</context>
<context>
    <name>CounterScreen</name>
    <message>
        <source>Search: name, barcode or code (F2)</source>
        <extracomment>How often the catalog is refreshed in the background while the screen is open. How long a message under the cart stays.</extracomment>
        <translation>Поиск: название, штрихкод или код (F2)</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Load the catalog from the provider again</source>
        <translation>Заново загрузить каталог у провайдера</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Amount for goods not in the catalog</source>
        <translation>Сумма за товар, которого нет в каталоге</translation>
    </message>
    <message>
        <source>Amount, ₸</source>
        <translation>Сумма, ₸</translation>
    </message>
    <message>
        <source>Add to cart</source>
        <translation>В корзину</translation>
    </message>
    <message>
        <source>Free amount</source>
        <translation>Свободная сумма</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Отложенные</translation>
    </message>
    <message>
        <source>One less (−)</source>
        <translation>На один меньше (−)</translation>
    </message>
    <message>
        <source>One more (+)</source>
        <translation>На один больше (+)</translation>
    </message>
    <message>
        <source>Price…</source>
        <translation>Цена…</translation>
    </message>
    <message>
        <source>Charge another price for this line</source>
        <translation>Назначить другую цену для этой строки</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Remove the line (Del)</source>
        <translation>Убрать строку (Del)</translation>
    </message>
    <message>
        <source>Discount, % (F4)</source>
        <translation>Скидка, % (F4)</translation>
    </message>
    <message>
        <source>1–99</source>
        <translation>1–99</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Сумма без скидки</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>Пометка (необязательно)</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <source>Put this sale aside and start a new one</source>
        <translation>Отложить эту продажу и начать новую</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Pay by phone (F11)</source>
        <translation>Оплата по телефону (F11)</translation>
    </message>
    <message>
        <source>Pay by QR (F12)</source>
        <translation>Оплата по QR (F12)</translation>
    </message>
    <message>
        <source>New price, ₸</source>
        <translation>Новая цена, ₸</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Причина (обязательно)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Catalog price</source>
        <translation>Цена по каталогу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Search the catalog</source>
        <translation>Поиск по каталогу</translation>
    </message>
    <message>
        <source>Pay by phone</source>
        <translation>Оплата по телефону</translation>
    </message>
    <message>
        <source>Pay by QR</source>
        <translation>Оплата по QR</translation>
    </message>
    <message>
        <source>Close the panel / clear the search</source>
        <translation>Закрыть панель / очистить поиск</translation>
    </message>
    <message>
        <source>Add the selected item to the cart; confirm the amount, discount or price typed</source>
        <translation>Добавить выбранный товар в корзину; подтвердить введённую сумму, скидку или цену</translation>
    </message>
    <message>
        <source>Move through the items while searching</source>
        <translation>Переходить по товарам во время поиска</translation>
    </message>
    <message>
        <source>One more / one less of the selected line</source>
        <translation>Увеличить / уменьшить количество в выбранной строке</translation>
    </message>
    <message>
        <source>Remove the selected line</source>
        <translation>Убрать выбранную строку</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Сканер</translation>
    </message>
    <message>
        <source>Scan a barcode wherever the cursor is: the item goes into the cart</source>
        <translation>Сканируйте штрихкод, где бы ни стоял курсор: товар попадёт в корзину</translation>
    </message>
    <message>
        <source>Updating the catalog…</source>
        <translation>Обновление каталога…</translation>
    </message>
    <message>
        <source>No connection: showing the saved catalog ({when}).</source>
        <translation>Нет связи: показан сохранённый каталог ({when}).</translation>
    </message>
    <message>
        <source>No connection and no saved catalog yet: use the free amount.</source>
        <translation>Нет связи и сохранённого каталога ещё нет: используйте свободную сумму.</translation>
    </message>
    <message>
        <source>This provider has no catalog: use the free amount.</source>
        <translation>У этого провайдера нет каталога: используйте свободную сумму.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n товар</numerusform>
            <numerusform>%n товара</numerusform>
            <numerusform>%n товаров</numerusform>
        </translation>
    </message>
    <message>
        <source>never updated</source>
        <translation>ещё не обновлялся</translation>
    </message>
    <message>
        <source>Nothing found for “{text}”</source>
        <translation>По запросу «{text}» ничего не найдено</translation>
    </message>
    <message>
        <source>Unknown barcode {code}: not in the catalog</source>
        <translation>Неизвестный штрихкод {code}: нет в каталоге</translation>
    </message>
    <message>
        <source>Scanned: {name}</source>
        <translation>Отсканировано: {name}</translation>
    </message>
    <message>
        <source>Type the discount as a whole number, 1–99</source>
        <translation>Введите скидку целым числом, 1–99</translation>
    </message>
    <message>
        <source>Select a line first</source>
        <translation>Сначала выберите строку</translation>
    </message>
    <message>
        <source>New price for “{name}”</source>
        <translation>Новая цена для «{name}»</translation>
    </message>
    <message>
        <source>The cart is empty: nothing to park</source>
        <translation>Корзина пуста: откладывать нечего</translation>
    </message>
    <message>
        <source>Sale parked</source>
        <translation>Продажа отложена</translation>
    </message>
    <message>
        <source>Select a parked sale first</source>
        <translation>Сначала выберите отложенную продажу</translation>
    </message>
    <message>
        <source>This parked sale cannot be resumed</source>
        <translation>Эту отложенную продажу нельзя продолжить</translation>
    </message>
    <message>
        <source>Sale resumed; the previous cart was parked</source>
        <translation>Продажа продолжена; прежняя корзина отложена</translation>
    </message>
    <message numerus="yes">
        <source>Parked (%n)</source>
        <translation>
            <numerusform>Отложенные (%n)</numerusform>
            <numerusform>Отложенные (%n)</numerusform>
            <numerusform>Отложенные (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Really clear?</source>
        <translation>Точно очистить?</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Welcome!</source>
        <extracomment>The translation context of every customer-facing string. The languages offered on the display, with their own names (never translated).</extracomment>
        <translation>Добро пожаловать!</translation>
    </message>
    <message>
        <source>Your purchase</source>
        <translation>Ваша покупка</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Discount {percent} %</source>
        <translation>Скидка {percent} %</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>К оплате</translation>
    </message>
    <message>
        <source>Scan the code with the Kaspi app</source>
        <translation>Отсканируйте код в приложении Kaspi</translation>
    </message>
    <message>
        <source>Open Kaspi.kz → Kaspi QR, point the camera at the code and confirm.</source>
        <translation>Откройте Kaspi.kz → Kaspi QR, наведите камеру на код и подтвердите.</translation>
    </message>
    <message>
        <source>Confirm the payment in your Kaspi app</source>
        <translation>Подтвердите оплату в приложении Kaspi</translation>
    </message>
    <message>
        <source>The request was sent to {phone}.</source>
        <translation>Запрос отправлен на номер {phone}.</translation>
    </message>
    <message>
        <source>Preparing the payment…</source>
        <translation>Готовим оплату…</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>Оплачено — спасибо!</translation>
    </message>
    <message>
        <source>The payment was not completed</source>
        <translation>Оплата не завершена</translation>
    </message>
    <message>
        <source>No money was taken. Please ask the cashier.</source>
        <translation>Деньги не списаны. Обратитесь, пожалуйста, к кассиру.</translation>
    </message>
    <message>
        <source>QR code expired</source>
        <translation>Срок QR-кода истёк</translation>
    </message>
    <message>
        <source>{count} × {price}</source>
        <translation>{count} × {price}</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Экран покупателя</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Refund…</source>
        <translation>Возврат…</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>Чек…</translation>
    </message>
    <message>
        <source>Refund receipt…</source>
        <translation>Чек возврата…</translation>
    </message>
    <message>
        <source>Select a sale to see its details.</source>
        <translation>Выберите продажу, чтобы увидеть подробности.</translation>
    </message>
    <message>
        <source>Invoice {invoice}</source>
        <translation>Счёт {invoice}</translation>
    </message>
    <message>
        <source>Not sent to the provider</source>
        <translation>Не отправлено провайдеру</translation>
    </message>
    <message>
        <source>Kaspi invoice</source>
        <translation>Счёт Kaspi</translation>
    </message>
    <message>
        <source>Local sale</source>
        <translation>Локальная продажа</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Register / cashier</source>
        <translation>Касса / кассир</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Сумма без скидки</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Ход продажи</translation>
    </message>
    <message>
        <source>Invoice created</source>
        <translation>Счёт создан</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation>Запрошен возврат</translation>
    </message>
    <message>
        <source>Refund completed</source>
        <translation>Возврат проведён</translation>
    </message>
    <message>
        <source>Refund failed</source>
        <translation>Возврат не прошёл</translation>
    </message>
    <message>
        <source>this register</source>
        <translation>эта касса</translation>
    </message>
    <message>
        <source>payment service</source>
        <translation>платёжный сервис</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>The price must be from {min} to {max}, with at most two decimals</source>
        <translation>Цена должна быть от {min} до {max}, не более двух знаков после запятой</translation>
    </message>
    <message>
        <source>The quantity must be at least 1</source>
        <translation>Количество должно быть не меньше 1</translation>
    </message>
    <message>
        <source>The quantity must be at most {max}</source>
        <translation>Количество должно быть не больше {max}</translation>
    </message>
    <message>
        <source>Enter a name</source>
        <translation>Введите название</translation>
    </message>
    <message>
        <source>Say why the price is changed</source>
        <translation>Укажите, почему изменена цена</translation>
    </message>
    <message>
        <source>The reason must be at most {max} characters</source>
        <translation>Причина — не длиннее {max} символов</translation>
    </message>
    <message>
        <source>The discount must be a whole number from 1 to 99 %</source>
        <translation>Скидка — целое число от 1 до 99 %</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>Корзина пуста</translation>
    </message>
    <message>
        <source>The total must be at least {min}</source>
        <translation>Сумма к оплате должна быть не меньше {min}</translation>
    </message>
    <message>
        <source>This line is no longer in the cart</source>
        <translation>Этой строки уже нет в корзине</translation>
    </message>
    <message>
        <source>A sale can have at most {max} lines</source>
        <translation>В продаже может быть не больше {max} строк</translation>
    </message>
    <message>
        <source>The sale total must be at most {max}</source>
        <translation>Сумма продажи должна быть не больше {max}</translation>
    </message>
    <message>
        <source>The saved cart cannot be read</source>
        <translation>Не удаётся прочитать сохранённую корзину</translation>
    </message>
    <message>
        <source>Enter the IIN or BIN</source>
        <translation>Введите ИИН или БИН</translation>
    </message>
    <message>
        <source>An IIN or BIN contains only digits</source>
        <translation>ИИН или БИН состоит только из цифр</translation>
    </message>
    <message>
        <source>An IIN or BIN has 12 digits, this one has {count}</source>
        <translation>В ИИН или БИН 12 цифр, а здесь {count}</translation>
    </message>
    <message>
        <source>This IIN or BIN is not valid: check the digits for a typo</source>
        <translation>Такого ИИН или БИН не бывает: проверьте, нет ли опечатки</translation>
    </message>
    <message>
        <source>Enter a number</source>
        <translation>Введите число</translation>
    </message>
    <message>
        <source>The amount cannot be negative</source>
        <translation>Сумма не может быть отрицательной</translation>
    </message>
    <message>
        <source>The amount must be at most {max}</source>
        <translation>Сумма должна быть не больше {max}</translation>
    </message>
    <message>
        <source>Use at most two digits after the decimal point</source>
        <translation>Не больше двух цифр после запятой</translation>
    </message>
    <message>
        <source>The amount must be at least {min}</source>
        <translation>Сумма должна быть не меньше {min}</translation>
    </message>
    <message>
        <source>Cannot read this amount: type it like 1 500 or 1 500,50</source>
        <translation>Не удаётся прочитать сумму: введите её как 1 500 или 1 500,50</translation>
    </message>
    <message>
        <source>Enter the amount in digits</source>
        <translation>Введите сумму цифрами</translation>
    </message>
    <message>
        <source>Enter an amount</source>
        <translation>Введите сумму</translation>
    </message>
    <message>
        <source>This is not a Kazakhstan mobile number</source>
        <translation>Это не мобильный номер Казахстана</translation>
    </message>
    <message>
        <source>A mobile number has 10 digits after +7 or 8, like +7 700 123 45 67</source>
        <translation>В мобильном номере 10 цифр после +7 или 8, например +7 700 123 45 67</translation>
    </message>
    <message>
        <source>Enter a phone number</source>
        <translation>Введите номер телефона</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, +, brackets and -</source>
        <translation>Номер телефона может содержать только цифры, пробелы, +, скобки и -</translation>
    </message>
    <message>
        <source>A sale cannot go from {old} to {new}</source>
        <extracomment>States after which the payment cannot change by itself: no more polling.</extracomment>
        <translation>Продажа не может перейти из состояния {old} в {new}</translation>
    </message>
    <message>
        <source>A refund cannot go from {old} to {new}</source>
        <extracomment>Allowed moves of a refund. CREATING → UNKNOWN is the lost answer; UNKNOWN is decided by reconciliation (found: PENDING/COMPLETED/FAILED; proven absent: FAILED &quot;not_created&quot;). States a refund can be left in by a crash, a lost answer or a queue: resumed at start-up.</extracomment>
        <translation>Возврат не может перейти из состояния {old} в {new}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Отправляется</translation>
    </message>
    <message>
        <source>Unknown (checking)</source>
        <translation>Неизвестно (проверяется)</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Ожидает оплаты</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Отменяется</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Частично возвращено</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Возвращено</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истекло</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Не удалось</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Обрабатывается</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>отложено</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>не отправлен</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation>Почему не прошёл</translation>
    </message>
    <message>
        <source>The app was closed while the invoice was being sent; checked with the payment service</source>
        <translation>Программу закрыли во время отправки счёта; сверено с платёжным сервисом</translation>
    </message>
    <message>
        <source>Sending went wrong; checking whether the invoice was created</source>
        <translation>Отправка не удалась; проверяем, создан ли счёт</translation>
    </message>
    <message>
        <source>Checked: no invoice was created</source>
        <translation>Проверено: счёт не создан</translation>
    </message>
    <message>
        <source>Checked: the invoice was created</source>
        <translation>Проверено: счёт создан</translation>
    </message>
    <message>
        <source>Cancellation requested</source>
        <translation>Отмена запрошена</translation>
    </message>
    <message>
        <source>Cancellation requested again</source>
        <translation>Отмена запрошена повторно</translation>
    </message>
    <message>
        <source>The app was closed while the refund was being sent; checked with the payment service</source>
        <translation>Программу закрыли во время отправки возврата; сверено с платёжным сервисом</translation>
    </message>
    <message>
        <source>Checked: no refund was made</source>
        <translation>Проверено: возврат не проведён</translation>
    </message>
    <message>
        <source>Checked: the refund was made</source>
        <translation>Проверено: возврат проведён</translation>
    </message>
    <message>
        <source>Already sent before: invoice {invoice}</source>
        <translation>Уже отправлен ранее: счёт {invoice}</translation>
    </message>
    <message>
        <source>No answer from the payment service; checking whether the invoice exists</source>
        <translation>Нет ответа от платёжного сервиса; проверяем, создан ли счёт</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later</source>
        <translation>Счёт {invoice} нашёлся позже</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later; the sale continues with it</source>
        <translation>Счёт {invoice} нашёлся позже; продажа продолжается по нему</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later and cannot be cancelled; the cart was rung up again as another sale</source>
        <translation>Счёт {invoice} нашёлся позже, и его нельзя отменить; корзина уже пробита заново другой продажей</translation>
    </message>
    <message>
        <source>Invoice {invoice} turned up later and was cancelled; the cart was rung up again as another sale</source>
        <translation>Счёт {invoice} нашёлся позже и отменён; корзина уже пробита заново другой продажей</translation>
    </message>
    <message>
        <source>The payment service refused to cancel</source>
        <translation>Платёжный сервис отказал в отмене</translation>
    </message>
    <message>
        <source>The cancellation did not go through</source>
        <translation>Отмена не прошла</translation>
    </message>
    <message>
        <source>The payment service reported an unknown status: {status}</source>
        <translation>Платёжный сервис сообщил неизвестный статус: {status}</translation>
    </message>
    <message>
        <source>The payment service says “{state}”; the status was kept</source>
        <translation>Платёжный сервис сообщает «{state}»; статус оставлен прежним</translation>
    </message>
    <message>
        <source>The payment service refused the invoice</source>
        <translation>Платёжный сервис отказал в создании счёта</translation>
    </message>
    <message>
        <source>No answer from the payment service; checking whether the refund was made</source>
        <translation>Нет ответа от платёжного сервиса; проверяем, проведён ли возврат</translation>
    </message>
    <message>
        <source>The payment service refused the refund</source>
        <translation>Платёжный сервис отказал в возврате</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>← Counter</source>
        <translation>← Касса</translation>
    </message>
    <message>
        <source>Back to the counter (Esc)</source>
        <translation>Назад к кассе (Esc)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>История продаж</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Отчёт за смену</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Текущая смена</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Dates…</source>
        <translation>Даты…</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Status: all</source>
        <translation>Статус: все</translation>
    </message>
    <message>
        <source>Search: phone, order id, description, amount</source>
        <translation>Поиск: телефон, номер заказа, описание, сумма</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>“;” for Excel</source>
        <translation>«;» для Excel</translation>
    </message>
    <message>
        <source>Separate columns with &apos;;&apos; and write decimal commas (Russian Excel).</source>
        <translation>Разделять столбцы знаком «;» и писать дробную часть через запятую (русский Excel).</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <source>All refunds</source>
        <translation>Все возвраты</translation>
    </message>
    <message>
        <source>Status: {states}</source>
        <translation>Статус: {states}</translation>
    </message>
    <message>
        <source>No sales match these filters.</source>
        <translation>Нет продаж, подходящих под эти фильтры.</translation>
    </message>
    <message>
        <source>Export the history as CSV</source>
        <translation>Экспортировать историю в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>{count} sales exported to {path}</source>
        <translation>Продаж экспортировано: {count}, файл {path}</translation>
    </message>
</context>
<context>
    <name>HotkeysDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Клавиша</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Стереть последний символ</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Clear the amount</source>
        <translation>Очистить сумму</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Point of sale</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>Sales history, refunds and report</source>
        <translation>История продаж, возвраты и отчёт</translation>
    </message>
    <message>
        <source>Show this list of shortcuts</source>
        <translation>Показать этот список горячих клавиш</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>ДЕМО</translation>
    </message>
    <message>
        <source>Demo mode: payments go to a built-in test server; no money moves.</source>
        <translation>Демо-режим: платежи идут на встроенный тестовый сервер, деньги не списываются.</translation>
    </message>
    <message>
        <source>Sales history, refunds and report (F9)</source>
        <translation>История продаж, возвраты и отчёт (F9)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>История продаж</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Горячие клавиши (F1)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Горячие клавиши</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Тема оформления</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Настройки (Ctrl+,)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Open the settings</source>
        <translation>Открыть настройки</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer: the API key is kept for this session only and must be entered again after a restart.</source>
        <translation>На этом компьютере не найдено защищённое хранилище ключей: API-ключ хранится только до конца сеанса, после перезапуска его нужно ввести снова.</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Версия {version}</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Касса</translation>
    </message>
    <message>
        <source>The counter screen is not part of this build yet.</source>
        <translation>Экрана кассы в этой сборке пока нет.</translation>
    </message>
    <message>
        <source>My shop</source>
        <translation>Мой магазин</translation>
    </message>
    <message>
        <source>Demo mode: built-in test server, no real payments</source>
        <translation>Демо-режим: встроенный тестовый сервер, без реальных платежей</translation>
    </message>
    <message>
        <source>{provider} · {url}</source>
        <translation>{provider} · {url}</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Подключение…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● В сети</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Нет связи</translation>
    </message>
    <message>
        <source>● Key rejected</source>
        <translation>● Ключ отклонён</translation>
    </message>
    <message>
        <source>Checking the connection to the payment service</source>
        <translation>Проверка связи с платёжным сервисом</translation>
    </message>
    <message>
        <source>The payment service answers</source>
        <translation>Платёжный сервис отвечает</translation>
    </message>
    <message>
        <source>The payment service does not answer; sales stay in the journal</source>
        <translation>Платёжный сервис не отвечает; продажи сохраняются в журнале</translation>
    </message>
    <message>
        <source>The payment service refused the API key</source>
        <translation>Платёжный сервис отклонил API-ключ</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <source>Connect the register</source>
        <extracomment>Where an ApiPay account is opened and the key is found (ApiPay&apos;s own guide, seed 001). The phone number the owner adds in Kaspi Business as a Cashier (seed 002), as shown. ApiPay&apos;s support for connecting Kaspi Business (seed 001). Builds a provider for a test: ``(provider name, base URL, key) -&gt; provider``.</extracomment>
        <translation>Подключение кассы</translation>
    </message>
    <message>
        <source>How do you want to start?</source>
        <translation>С чего начнём?</translation>
    </message>
    <message>
        <source>Try everything first in demo mode: a built-in test server plays the payment service and no money moves. Connect a real account whenever you are ready.</source>
        <translation>Сначала попробуйте всё в демо-режиме: роль платёжного сервиса играет встроенный тестовый сервер, деньги не списываются. Подключите настоящий аккаунт, когда будете готовы.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Попробовать демо</translation>
    </message>
    <message>
        <source>Connect ApiPay.kz</source>
        <translation>Подключить ApiPay.kz</translation>
    </message>
    <message>
        <source>Connect xPayment</source>
        <translation>Подключить xPayment</translation>
    </message>
    <message>
        <source>Before you connect ApiPay.kz</source>
        <translation>Перед подключением ApiPay.kz</translation>
    </message>
    <message>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Register.&lt;/b&gt; Open &lt;a href=&quot;{dashboard}&quot;&gt;apipay.kz&lt;/a&gt; and sign in with WhatsApp.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Add the service phone in Kaspi Business.&lt;/b&gt; In the Kaspi Business app open Settings → Employees → Add employee, enter &lt;b&gt;{phone}&lt;/b&gt;, choose the role &lt;b&gt;Cashier&lt;/b&gt; and confirm. This lets ApiPay.kz issue invoices for your shop.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Copy the API key.&lt;/b&gt; In the ApiPay.kz dashboard open Settings → Connection and copy the key.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Need help? ApiPay.kz support on WhatsApp: {support}.&lt;/p&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Зарегистрируйтесь.&lt;/b&gt; Откройте &lt;a href=&quot;{dashboard}&quot;&gt;apipay.kz&lt;/a&gt; и войдите через WhatsApp.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Добавьте служебный номер в Kaspi Business.&lt;/b&gt; В приложении Kaspi Business откройте Настройки → Сотрудники → Добавить сотрудника, введите &lt;b&gt;{phone}&lt;/b&gt;, выберите роль &lt;b&gt;Кассир&lt;/b&gt; и подтвердите. Так ApiPay.kz сможет выставлять счета от имени вашего магазина.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Скопируйте API-ключ.&lt;/b&gt; В кабинете ApiPay.kz откройте Настройки → Подключение и скопируйте ключ.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Нужна помощь? Поддержка ApiPay.kz в WhatsApp: {support}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>I have the key</source>
        <translation>Ключ у меня есть</translation>
    </message>
    <message>
        <source>API key for {provider}</source>
        <translation>API-ключ для {provider}</translation>
    </message>
    <message>
        <source>Paste the key from the ApiPay.kz dashboard (Settings → Connection). It is kept in the system&apos;s secure key storage, never in a file.</source>
        <translation>Вставьте ключ из кабинета ApiPay.kz (Настройки → Подключение). Он хранится в защищённом хранилище ключей системы и никогда — в файле.</translation>
    </message>
    <message>
        <source>Enter the API address and the device API key xPayment gave you. The key is kept in the system&apos;s secure key storage, never in a file.</source>
        <translation>Введите адрес API и API-ключ устройства, выданные xPayment. Ключ хранится в защищённом хранилище ключей системы и никогда — в файле.</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Адрес API</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <source>Paste the key here</source>
        <translation>Вставьте ключ сюда</translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation>Показать ключ</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>Показать или скрыть ключ</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Вставить</translation>
    </message>
    <message>
        <source>Test the key</source>
        <translation>Проверить ключ</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Verify your organisation (optional)</source>
        <translation>Подтверждение организации (необязательно)</translation>
    </message>
    <message>
        <source>Enter the shop&apos;s IIN or BIN. ApiPay.kz then sends a request to the owner&apos;s Kaspi Business app; confirm it there within 2 minutes.</source>
        <translation>Введите ИИН или БИН магазина. ApiPay.kz отправит запрос в приложение Kaspi Business владельца; подтвердите его там в течение 2 минут.</translation>
    </message>
    <message>
        <source>IIN / BIN</source>
        <translation>ИИН / БИН</translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation>12 цифр</translation>
    </message>
    <message>
        <source>%v s left</source>
        <translation>Осталось %v с</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>Всё готово</translation>
    </message>
    <message>
        <source>Start working</source>
        <translation>Начать работу</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Попробовать снова</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>Отправить запрос</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Пропустить пока</translation>
    </message>
    <message>
        <source>The register runs in demo mode. No money moves.</source>
        <translation>Касса работает в демо-режиме. Деньги не списываются.</translation>
    </message>
    <message>
        <source>The key is saved. Restart the app to take payments with {provider}.</source>
        <translation>Ключ сохранён. Перезапустите приложение, чтобы принимать оплату через {provider}.</translation>
    </message>
    <message>
        <source>No secure key storage works on this computer, so the key is kept for this session only: enter it again after a restart, or set up the system&apos;s key storage.</source>
        <translation>На этом компьютере не работает защищённое хранилище ключей, поэтому ключ хранится только до конца сеанса: после перезапуска введите его снова или настройте хранилище ключей системы.</translation>
    </message>
    <message>
        <source>Your organisation is verified.</source>
        <translation>Ваша организация подтверждена.</translation>
    </message>
    <message>
        <source>Checking the key…</source>
        <translation>Проверяем ключ…</translation>
    </message>
    <message>
        <source>The key works. It is saved in: {storage}.</source>
        <translation>Ключ работает. Он сохранён в: {storage}.</translation>
    </message>
    <message>
        <source>Enter the API address of {provider} (it starts with https://).</source>
        <translation>Введите адрес API {provider} (он начинается с https://).</translation>
    </message>
    <message>
        <source>The API address must start with https:// (or http://) followed by the server name, without spaces, e.g. https://api.example.kz/v1.</source>
        <translation>Адрес API должен начинаться с https:// (или http://), затем имя сервера, без пробелов, например https://api.example.kz/v1.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage is locked.</source>
        <translation>Хранилище ключей системы заблокировано.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage refused to keep the key.</source>
        <translation>Хранилище ключей системы отказалось сохранить ключ.</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer.</source>
        <translation>На этом компьютере не найдено защищённое хранилище ключей.</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>Ключ работает.</translation>
    </message>
    <message>
        <source>It is kept for this session only (never written to a file): enter it again after a restart.</source>
        <translation>Он хранится только до конца сеанса (в файл не записывается): после перезапуска введите его снова.</translation>
    </message>
    <message>
        <source>The key was not accepted. Check the device API key xPayment gave you (all of it, nothing more) and test again.</source>
        <translation>Ключ не принят. Сверьте ключ API устройства, выданный xPayment (целиком, без лишнего), и проверьте снова.</translation>
    </message>
    <message>
        <source>The key was not accepted. Copy it again from the dashboard (all of it, nothing more) and test again.</source>
        <translation>Ключ не принят. Скопируйте его из кабинета ещё раз (целиком, без лишнего) и проверьте снова.</translation>
    </message>
    <message>
        <source>There is no xPayment service at this address. Check the API address xPayment gave you, then test again.</source>
        <translation>По этому адресу нет сервиса xPayment. Сверьте адрес API, выданный xPayment, и проверьте снова.</translation>
    </message>
    <message>
        <source>There is no ApiPay.kz service at this address. Check the API address (it usually ends with /api/v1).</source>
        <translation>По этому адресу нет сервиса ApiPay.kz. Проверьте адрес API (обычно он заканчивается на /api/v1).</translation>
    </message>
    <message>
        <source>Too many requests right now. Wait a minute and test again.</source>
        <translation>Сейчас слишком много запросов. Подождите минуту и проверьте снова.</translation>
    </message>
    <message>
        <source>No connection to the payment service. Check the internet connection and the API address, then test again.</source>
        <translation>Нет связи с платёжным сервисом. Проверьте подключение к интернету и адрес API, затем проверьте снова.</translation>
    </message>
    <message>
        <source>The payment service is not available right now. Try again in a few minutes.</source>
        <translation>Платёжный сервис сейчас недоступен. Попробуйте через несколько минут.</translation>
    </message>
    <message>
        <source>The key works, but the organisation is not verified yet. Verify it on the next page.</source>
        <translation>Ключ работает, но организация ещё не подтверждена. Подтвердите её на следующей странице.</translation>
    </message>
    <message>
        <source>The key works, but the shop&apos;s ApiPay.kz plan is not active. Renew it in the dashboard, then test again.</source>
        <translation>Ключ работает, но тариф ApiPay.kz магазина не активен. Продлите его в кабинете и проверьте снова.</translation>
    </message>
    <message>
        <source>Then test the key again.</source>
        <translation>Затем проверьте ключ снова.</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>Отправляем запрос…</translation>
    </message>
    <message>
        <source>Request sent. Open Kaspi Business on the owner&apos;s phone and confirm it.</source>
        <translation>Запрос отправлен. Откройте Kaspi Business на телефоне владельца и подтвердите его.</translation>
    </message>
    <message>
        <source>The organisation is verified. You can take payments.</source>
        <translation>Организация подтверждена. Можно принимать оплату.</translation>
    </message>
    <message>
        <source>The request was declined in Kaspi Business. Check the IIN/BIN and that the service phone is added as Cashier, then try again.</source>
        <translation>Запрос отклонён в Kaspi Business. Проверьте ИИН/БИН и то, что служебный номер добавлен как Кассир, затем попробуйте снова.</translation>
    </message>
    <message>
        <source>Nobody confirmed the request within 2 minutes. Keep Kaspi Business open on the owner&apos;s phone and try again.</source>
        <translation>За 2 минуты запрос никто не подтвердил. Держите Kaspi Business открытым на телефоне владельца и попробуйте снова.</translation>
    </message>
    <message>
        <source>The service did not accept this IIN/BIN. Check the number.</source>
        <translation>Сервис не принял этот ИИН/БИН. Проверьте номер.</translation>
    </message>
    <message>
        <source>The key was not accepted. Go back and test the key again.</source>
        <translation>Ключ не принят. Вернитесь назад и проверьте ключ снова.</translation>
    </message>
</context>
<context>
    <name>ParkedModel</name>
    <message>
        <source>{time} · {count} lines · {total}</source>
        <translation>{time} · строк: {count} · {total}</translation>
    </message>
</context>
<context>
    <name>PaymentError</name>
    <message>
        <source>The shop&apos;s ApiPay subscription is not active. Renew the plan in the ApiPay dashboard.</source>
        <translation>Подписка магазина на ApiPay не активна. Продлите тариф в кабинете ApiPay.</translation>
    </message>
    <message>
        <source>Issuing invoices is blocked for this shop. Contact ApiPay support.</source>
        <translation>Выставление счетов для этого магазина заблокировано. Обратитесь в поддержку ApiPay.</translation>
    </message>
    <message>
        <source>The shop&apos;s organisation is not verified yet. Verify it in the settings.</source>
        <translation>Организация магазина ещё не подтверждена. Подтвердите её в настройках.</translation>
    </message>
    <message>
        <source>The Kaspi cashier session has expired. Reconnect the cashier in the ApiPay dashboard.</source>
        <translation>Сессия кассира Kaspi истекла. Подключите кассира заново в кабинете ApiPay.</translation>
    </message>
    <message>
        <source>The Kaspi cashier session is not valid. Reconnect the cashier in the ApiPay dashboard.</source>
        <translation>Сессия кассира Kaspi недействительна. Подключите кассира заново в кабинете ApiPay.</translation>
    </message>
    <message>
        <source>The Kaspi cashier is not connected yet. Contact ApiPay support.</source>
        <translation>Кассир Kaspi ещё не подключён. Обратитесь в поддержку ApiPay.</translation>
    </message>
    <message>
        <source>Creating payments is paused for maintenance. No payment was created; try again later.</source>
        <translation>Создание платежей приостановлено на техническое обслуживание. Платёж не создан; попробуйте позже.</translation>
    </message>
    <message>
        <source>The payment is already paid.</source>
        <translation>Платёж уже оплачен.</translation>
    </message>
    <message>
        <source>The payment is already cancelled.</source>
        <translation>Платёж уже отменён.</translation>
    </message>
    <message>
        <source>The time allowed for a refund of this payment has passed.</source>
        <translation>Срок возврата по этому платежу истёк.</translation>
    </message>
    <message>
        <source>The refund is larger than what is left to refund on this payment.</source>
        <translation>Сумма возврата больше, чем осталось вернуть по этому платежу.</translation>
    </message>
    <message>
        <source>This phone number has no Kaspi account.</source>
        <translation>У этого номера нет аккаунта Kaspi.</translation>
    </message>
    <message>
        <source>The description was rejected by the content check. Change it.</source>
        <translation>Описание не прошло проверку содержания. Измените его.</translation>
    </message>
    <message>
        <source>The daily limit of the trial plan is reached.</source>
        <translation>Достигнут дневной лимит пробного тарифа.</translation>
    </message>
    <message>
        <source>The limit of the shop&apos;s ApiPay plan is reached.</source>
        <translation>Достигнут лимит тарифа ApiPay магазина.</translation>
    </message>
    <message>
        <source>Too many unpaid payments for this phone number.</source>
        <translation>Слишком много неоплаченных платежей на этот номер.</translation>
    </message>
    <message>
        <source>Too many unpaid payments for this shop.</source>
        <translation>Слишком много неоплаченных платежей у магазина.</translation>
    </message>
    <message>
        <source>The shop is being checked: one invoice a day until it is approved.</source>
        <translation>Магазин проходит проверку: до одобрения — один счёт в день.</translation>
    </message>
    <message>
        <source>The owner did not confirm in Kaspi Business in time. Start the verification again.</source>
        <translation>Владелец не подтвердил вовремя в Kaspi Business. Начните проверку заново.</translation>
    </message>
    <message>
        <source>Kaspi returned an error. Try again in a moment.</source>
        <translation>Kaspi вернул ошибку. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>An item of the cart is not in the provider&apos;s catalog any more.</source>
        <translation>Одного из товаров корзины больше нет в каталоге провайдера.</translation>
    </message>
    <message>
        <source>The cart does not match the provider&apos;s catalog. Sync the catalog.</source>
        <translation>Корзина не совпадает с каталогом провайдера. Обновите каталог.</translation>
    </message>
    <message>
        <source>The payment service returned an error.</source>
        <translation>Платёжный сервис вернул ошибку.</translation>
    </message>
    <message>
        <source>The API key was not accepted. Check it in the settings.</source>
        <translation>API-ключ не принят. Проверьте его в настройках.</translation>
    </message>
    <message>
        <source>The payment service does not allow this operation for the shop.</source>
        <translation>Платёжный сервис не разрешает эту операцию для магазина.</translation>
    </message>
    <message>
        <source>The payment service does not know it.</source>
        <translation>Платёжный сервис не нашёл эту запись.</translation>
    </message>
    <message>
        <source>This payment provider does not support the operation.</source>
        <translation>Этот платёжный провайдер не поддерживает такую операцию.</translation>
    </message>
    <message>
        <source>The payment service rejected the data: {fields}.</source>
        <translation>Платёжный сервис отклонил данные: {fields}.</translation>
    </message>
    <message>
        <source>The payment service refused this operation in the payment&apos;s state.</source>
        <translation>Платёжный сервис отказал: в текущем состоянии платежа эта операция невозможна.</translation>
    </message>
    <message>
        <source>A payment for this sale already exists.</source>
        <translation>Платёж по этой продаже уже существует.</translation>
    </message>
    <message>
        <source>Too many requests to the payment service. Wait {seconds} s.</source>
        <translation>Слишком много запросов к платёжному сервису. Подождите {seconds} с.</translation>
    </message>
    <message>
        <source>Kaspi is not available right now. Try again in a moment.</source>
        <translation>Kaspi сейчас недоступен. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>The payment service had an internal error. Try again in a moment.</source>
        <translation>Внутренняя ошибка платёжного сервиса. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>No connection to the payment service. Check the internet connection.</source>
        <translation>Нет связи с платёжным сервисом. Проверьте подключение к интернету.</translation>
    </message>
    <message>
        <source>The payment service sent an answer the app does not understand.</source>
        <translation>Платёжный сервис прислал ответ, который приложение не понимает.</translation>
    </message>
    <message>
        <source>The refund was rejected. No money was returned.</source>
        <extracomment>How far a provider&apos;s refund time may be before our journal time and still be ours (clocks of the till and the provider are not the same clock). What can still be refunded (one rule, kept in :mod:`pos_app.payments.models`; the name stays for the refund dialog).</extracomment>
        <translation>Возврат отклонён. Деньги не возвращены.</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>The customer scans this code with the Kaspi app</source>
        <extracomment>States shown as &quot;Paid&quot; (a refund later does not undo the sale at the counter). Demo mode only: the cashier plays the customer (&quot;pay&quot;, &quot;decline&quot;, &quot;page&quot;).</extracomment>
        <translation>Покупатель сканирует этот код в приложении Kaspi</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>Other sales waiting for payment</source>
        <translation>Другие продажи, ожидающие оплаты</translation>
    </message>
    <message>
        <source>Demo: play the customer</source>
        <translation>Демо: действовать за покупателя</translation>
    </message>
    <message>
        <source>Customer pays</source>
        <translation>Покупатель оплачивает</translation>
    </message>
    <message>
        <source>Customer declines</source>
        <translation>Покупатель отказывается</translation>
    </message>
    <message>
        <source>Open the customer&apos;s page</source>
        <translation>Открыть страницу покупателя</translation>
    </message>
    <message>
        <source>The page a customer&apos;s phone would show, with Pay and Decline buttons</source>
        <translation>Страница, которую увидел бы покупатель на телефоне, с кнопками «Оплатить» и «Отклонить»</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>Отменить оплату</translation>
    </message>
    <message>
        <source>New QR</source>
        <translation>Новый QR</translation>
    </message>
    <message>
        <source>Show another QR code; the old one stays watched in case it was paid</source>
        <translation>Показать другой QR-код; за старым приложение продолжит следить на случай, если его оплатят</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Назад к корзине</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Новая продажа</translation>
    </message>
    <message>
        <source>Payment by QR</source>
        <translation>Оплата по QR</translation>
    </message>
    <message>
        <source>Payment by phone</source>
        <translation>Оплата по телефону</translation>
    </message>
    <message>
        <source>Creating the payment…</source>
        <translation>Создание платежа…</translation>
    </message>
    <message>
        <source>The payment request goes to {phone}. The customer opens the Kaspi app and confirms it there.</source>
        <translation>Запрос на оплату отправлен на {phone}. Покупатель открывает приложение Kaspi и подтверждает его там.</translation>
    </message>
    <message>
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>The money has arrived. The cart is cleared for the next customer.</source>
        <translation>Деньги поступили. Корзина очищена для следующего покупателя.</translation>
    </message>
    <message>
        <source>The customer declined the payment</source>
        <translation>Покупатель отклонил оплату</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>No money was taken. Try again or go back to the cart.</source>
        <translation>Деньги не списаны. Повторите или вернитесь к корзине.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Время истекло</translation>
    </message>
    <message>
        <source>The customer did not pay in time. No money was taken.</source>
        <translation>Покупатель не оплатил вовремя. Деньги не списаны.</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Оплата не прошла</translation>
    </message>
    <message>
        <source>No money was taken.</source>
        <translation>Деньги не списаны.</translation>
    </message>
    <message>
        <source>Connection lost, retrying…</source>
        <translation>Связь потеряна, повторяем…</translation>
    </message>
    <message>
        <source>The sale is kept safe; its status is checked as soon as the payment service answers again.</source>
        <translation>Продажа сохранена; её статус проверится, как только платёжный сервис снова ответит.</translation>
    </message>
    <message>
        <source>Checking an unknown result…</source>
        <translation>Проверяем неизвестный результат…</translation>
    </message>
    <message>
        <source>The answer to the payment request was lost. The app is asking the payment service what happened; nothing is sent twice.</source>
        <translation>Ответ на запрос оплаты потерян. Приложение выясняет у платёжного сервиса, что произошло; ничего не отправляется дважды.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
    <message>
        <source>Waiting for the payment service to confirm the cancellation.</source>
        <translation>Ждём, пока платёжный сервис подтвердит отмену.</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay</source>
        <translation>Ждём, пока покупатель отсканирует и оплатит</translation>
    </message>
    <message>
        <source>Waiting for the customer to confirm in Kaspi</source>
        <translation>Ждём подтверждения покупателя в Kaspi</translation>
    </message>
    <message>
        <source>Took {time}</source>
        <translation>Заняло {time}</translation>
    </message>
    <message>
        <source>Waiting {time}</source>
        <translation>Ожидание {time}</translation>
    </message>
    <message>
        <source>Scan within {time}</source>
        <translation>Отсканируйте в течение {time}</translation>
    </message>
    <message>
        <source>This QR code can no longer be scanned. A payment the customer already started may still complete; use New QR to show another code.</source>
        <translation>Этот QR-код больше нельзя отсканировать. Оплата, которую покупатель уже начал, ещё может пройти; нажмите «Новый QR», чтобы показать другой код.</translation>
    </message>
    <message>
        <source>QR code expired</source>
        <translation>Срок QR-кода истёк</translation>
    </message>
</context>
<context>
    <name>PhoneDialog</name>
    <message>
        <source>Pay by phone</source>
        <extracomment>Characters of the description the Kaspi app shows; more are cut off on the customer&apos;s side.</extracomment>
        <translation>Оплата по телефону</translation>
    </message>
    <message>
        <source>Payment request to the customer&apos;s Kaspi app</source>
        <translation>Запрос на оплату в приложение Kaspi покупателя</translation>
    </message>
    <message>
        <source>Customer&apos;s phone number</source>
        <translation>Номер телефона покупателя</translation>
    </message>
    <message>
        <source>Check Kaspi</source>
        <translation>Проверить Kaspi</translation>
    </message>
    <message>
        <source>Ask Kaspi whether this number has the Kaspi app (optional)</source>
        <translation>Узнать у Kaspi, есть ли на этом номере приложение Kaspi (необязательно)</translation>
    </message>
    <message>
        <source>Description for the customer (optional)</source>
        <translation>Описание для покупателя (необязательно)</translation>
    </message>
    <message>
        <source>e.g. Order 15, coffee and croissant</source>
        <translation>например: Заказ 15, кофе и круассан</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Send to Kaspi</source>
        <translation>Отправить в Kaspi</translation>
    </message>
    <message>
        <source>Type or paste the number: {mask}</source>
        <translation>Введите или вставьте номер: {mask}</translation>
    </message>
    <message numerus="yes">
        <source>%n more digit(s)</source>
        <translation>
            <numerusform>ещё %n цифра</numerusform>
            <numerusform>ещё %n цифры</numerusform>
            <numerusform>ещё %n цифр</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Kazakhstan mobile number</source>
        <translation>✓ Мобильный номер Казахстана</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Could not check the number: {reason}</source>
        <translation>Не удалось проверить номер: {reason}</translation>
    </message>
    <message>
        <source>name hidden</source>
        <translation>имя скрыто</translation>
    </message>
    <message>
        <source>Has Kaspi: {name}. Ask the customer to confirm the name.</source>
        <translation>Kaspi есть: {name}. Попросите покупателя подтвердить имя.</translation>
    </message>
    <message>
        <source>No Kaspi on this number: the request cannot reach it. Ask for another number or use the QR code.</source>
        <translation>На этом номере нет Kaspi: запрос не дойдёт. Попросите другой номер или используйте QR-код.</translation>
    </message>
    <message>
        <source>{count}/{limit}: Kaspi shows only the first {limit} characters</source>
        <translation>{count}/{limit}: Kaspi показывает только первые {limit} символов</translation>
    </message>
    <message>
        <source>{count}/{limit}</source>
        <translation>{count}/{limit}</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Shop</source>
        <extracomment>Chosen explicitly: DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і).</extracomment>
        <translation>Магазин</translation>
    </message>
    <message>
        <source>SALE RECEIPT</source>
        <translation>КАССОВЫЙ ЧЕК</translation>
    </message>
    <message>
        <source>REFUND RECEIPT</source>
        <translation>ЧЕК ВОЗВРАТА</translation>
    </message>
    <message>
        <source>{count} × {price}</source>
        <translation>{count} × {price}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Сумма без скидки</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Скидка</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>ИТОГО</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>ВОЗВРАЩЕНО</translation>
    </message>
    <message>
        <source>Kaspi QR</source>
        <translation>Kaspi QR</translation>
    </message>
    <message>
        <source>Kaspi (phone)</source>
        <translation>Kaspi (по номеру телефона)</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Способ оплаты</translation>
    </message>
    <message>
        <source>Invoice №</source>
        <translation>Счёт №</translation>
    </message>
    <message>
        <source>Kaspi invoice №</source>
        <translation>Счёт Kaspi №</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Кассир</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Причина: {reason}</translation>
    </message>
    <message>
        <source>Thank you for your purchase!</source>
        <translation>Спасибо за покупку!</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Лента</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 мм</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 мм</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Сохранить в PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Сохранить чек в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>Возврат</translation>
    </message>
    <message>
        <source>Refund for invoice {invoice}</source>
        <translation>Возврат по счёту {invoice}</translation>
    </message>
    <message>
        <source>Paid {paid}, available to refund: {available}</source>
        <translation>Оплачено {paid}, доступно к возврату: {available}</translation>
    </message>
    <message>
        <source>Everything available</source>
        <translation>Всю доступную сумму</translation>
    </message>
    <message>
        <source>An amount</source>
        <translation>Часть суммы</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>e.g. 1500</source>
        <translation>например, 1500</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <source>Why (optional): damaged, wrong item…</source>
        <translation>Почему (необязательно): брак, не тот товар…</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN менеджера</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Enter the amount to refund.</source>
        <translation>Введите сумму возврата.</translation>
    </message>
    <message>
        <source>Choose the items that come back.</source>
        <translation>Выберите товары, которые возвращаются.</translation>
    </message>
    <message>
        <source>the customer&apos;s Kaspi account</source>
        <translation>счёт Kaspi покупателя</translation>
    </message>
    <message>
        <source>{amount} back to {who} for invoice {invoice}</source>
        <translation>{amount} вернётся на {who} по счёту {invoice}</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Неверный PIN.</translation>
    </message>
    <message>
        <source>Sending the refund…</source>
        <translation>Отправляем возврат…</translation>
    </message>
    <message>
        <source>Refund completed: {amount} went back.</source>
        <translation>Возврат выполнен: возвращено {amount}.</translation>
    </message>
    <message>
        <source>Refund failed: {reason}</source>
        <translation>Возврат не выполнен: {reason}</translation>
    </message>
    <message>
        <source>Refund of {amount}: {state}. The dialog follows it.</source>
        <translation>Возврат {amount}: {state}. Окно следит за ним.</translation>
    </message>
</context>
<context>
    <name>Refunds</name>
    <message>
        <source>A refund of this sale is still being sent. Wait for its answer.</source>
        <translation>Возврат по этой продаже ещё отправляется. Дождитесь ответа.</translation>
    </message>
    <message>
        <source>Only a paid sale can be refunded.</source>
        <translation>Вернуть можно только оплаченную продажу.</translation>
    </message>
    <message>
        <source>Nothing is left to refund on this sale.</source>
        <translation>По этой продаже возвращать больше нечего.</translation>
    </message>
    <message>
        <source>This provider cannot refund a part.</source>
        <translation>Этот провайдер не умеет возвращать часть суммы.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Введите сумму больше нуля.</translation>
    </message>
    <message>
        <source>At most {available} can be refunded on this sale. Nothing was sent.</source>
        <translation>По этой продаже можно вернуть не больше {available}. Ничего не отправлено.</translation>
    </message>
    <message>
        <source>This provider cannot refund single items.</source>
        <translation>Этот провайдер не умеет возвращать отдельные товары.</translation>
    </message>
    <message>
        <source>Choose how many of which item go back.</source>
        <translation>Выберите, какие товары и сколько возвращаются.</translation>
    </message>
    <message>
        <source>Only {left} of “{name}” can still be returned.</source>
        <translation>«{name}» можно вернуть ещё только {left}.</translation>
    </message>
    <message>
        <source>No refund was made. You can ask for it again.</source>
        <translation>Возврат не выполнен. Его можно запросить снова.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>No sales in this period.</source>
        <translation>За этот период продаж нет.</translation>
    </message>
    <message>
        <source>{count} · {amount}</source>
        <translation>{count} · {amount}</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>Чистая выручка</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истекло</translation>
    </message>
    <message>
        <source>Still waiting</source>
        <translation>Ещё ожидают</translation>
    </message>
    <message>
        <source>This register&apos;s journal</source>
        <translation>Журнал этой кассы</translation>
    </message>
    <message>
        <source>Sold elsewhere</source>
        <translation>Продано в другом месте</translation>
    </message>
    <message>
        <source>paid in the journal, not at the provider</source>
        <translation>оплачено в журнале, но не у платёжного сервиса</translation>
    </message>
    <message>
        <source>paid at the provider, not in the journal</source>
        <translation>оплачено у платёжного сервиса, но не в журнале</translation>
    </message>
    <message>
        <source>in the journal, missing at the provider</source>
        <translation>есть в журнале, нет у платёжного сервиса</translation>
    </message>
    <message>
        <source>never reached the provider</source>
        <translation>не дошло до платёжного сервиса</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Отчёт за смену</translation>
    </message>
    <message>
        <source>Differences with the journal</source>
        <translation>Расхождения с журналом</translation>
    </message>
    <message>
        <source>None: the journal and the provider agree.</source>
        <translation>Нет: журнал и платёжный сервис совпадают.</translation>
    </message>
    <message>
        <source>Sales per hour</source>
        <translation>Продажи по часам</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>This shift</source>
        <translation>Текущая смена</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Вчера</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Day…</source>
        <translation>День…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Экспорт в PDF…</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Продажи</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>Чистая выручка</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истекло</translation>
    </message>
    <message>
        <source>Still waiting</source>
        <translation>Ещё ожидают</translation>
    </message>
    <message>
        <source>This register&apos;s journal</source>
        <translation>Журнал этой кассы</translation>
    </message>
    <message>
        <source>Sold elsewhere</source>
        <translation>Продано в другом месте</translation>
    </message>
    <message>
        <source>The journal and the provider agree on this period.</source>
        <translation>За этот период журнал и данные провайдера совпадают.</translation>
    </message>
    <message>
        <source>Differences with the journal:</source>
        <translation>Расхождения с журналом:</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Сохранить отчёт в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The service that takes the Kaspi payments.</source>
        <extracomment>The API base each provider starts with. xPayment publishes none: the cashier enters it. Every setting the app has, in the order the settings dialog shows them. Labels and help texts are English sources marked for ``pyside6-lupdate`` (context ``Settings``); the dialog shows them through ``QCoreApplication.translate(&quot;Settings&quot;, ...)``.</extracomment>
        <translation>Сервис, через который принимается оплата Kaspi.</translation>
    </message>
    <message>
        <source>Payment provider</source>
        <translation>Платёжный провайдер</translation>
    </message>
    <message>
        <source>API address; leave empty to use the provider&apos;s standard address.</source>
        <translation>Адрес API; оставьте пустым, чтобы использовать стандартный адрес провайдера.</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Адрес API</translation>
    </message>
    <message>
        <source>Name of the provider account the API key belongs to.</source>
        <translation>Имя аккаунта провайдера, которому принадлежит API-ключ.</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Имя аккаунта</translation>
    </message>
    <message>
        <source>Most requests per minute to the payment service (ApiPay allows 60).</source>
        <translation>Наибольшее число запросов к платёжному сервису в минуту (ApiPay разрешает 60).</translation>
    </message>
    <message>
        <source>Request budget per minute</source>
        <translation>Лимит запросов в минуту</translation>
    </message>
    <message>
        <source>How often a waiting payment is checked, in seconds.</source>
        <translation>Как часто проверять ожидающий платёж, в секундах.</translation>
    </message>
    <message>
        <source>Payment check interval</source>
        <translation>Интервал проверки оплаты</translation>
    </message>
    <message>
        <source>Language of the register&apos;s screens and receipts.</source>
        <translation>Язык экранов кассы и чеков.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Light, dark, or the same as the computer.</source>
        <translation>Светлая, тёмная или как на компьютере.</translation>
    </message>
    <message>
        <source>Colour theme</source>
        <translation>Тема оформления</translation>
    </message>
    <message>
        <source>Play a sound when a payment arrives or fails.</source>
        <translation>Звуковой сигнал, когда оплата пришла или не прошла.</translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation>Звуки</translation>
    </message>
    <message>
        <source>The screen that shows the customer the total and the QR code.</source>
        <translation>Экран, на котором покупатель видит сумму и QR-код.</translation>
    </message>
    <message>
        <source>Customer display</source>
        <translation>Экран покупателя</translation>
    </message>
    <message>
        <source>Printer for receipts; empty means the system default.</source>
        <translation>Принтер для чеков; пусто — принтер системы по умолчанию.</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Принтер чеков</translation>
    </message>
    <message>
        <source>Width of the receipt paper.</source>
        <translation>Ширина чековой ленты.</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Ширина ленты</translation>
    </message>
    <message>
        <source>Shown in the top bar and printed on receipts.</source>
        <translation>Показывается в верхней панели и печатается на чеках.</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Название магазина</translation>
    </message>
    <message>
        <source>Name of this register on receipts, e.g. &apos;Register 1&apos;.</source>
        <translation>Название этой кассы на чеках, например «Касса 1».</translation>
    </message>
    <message>
        <source>Register name</source>
        <translation>Название кассы</translation>
    </message>
    <message>
        <source>Hour the shop&apos;s shift (working day) starts, for the shift report.</source>
        <translation>Час начала смены (рабочего дня) магазина — для отчёта за смену.</translation>
    </message>
    <message>
        <source>Shift starts at</source>
        <translation>Начало смены</translation>
    </message>
    <message>
        <source>Payment service</source>
        <extracomment>Length of the manager PIN, in digits. The dialog&apos;s groups, in order, with their titles (translation sources).</extracomment>
        <translation>Платёжный сервис</translation>
    </message>
    <message>
        <source>Language and look</source>
        <translation>Язык и оформление</translation>
    </message>
    <message>
        <source>Customer display and printer</source>
        <translation>Экран покупателя и принтер</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Чеки</translation>
    </message>
    <message>
        <source>Light</source>
        <extracomment>How choice values are shown (translation sources; languages use their own names).</extracomment>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 мм</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 мм</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>Лист A4</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The system&apos;s key storage is locked.</source>
        <translation>Хранилище ключей системы заблокировано.</translation>
    </message>
    <message>
        <source>The system&apos;s key storage refused to keep the key.</source>
        <translation>Хранилище ключей системы отказалось сохранить ключ.</translation>
    </message>
    <message>
        <source>No secure key storage was found on this computer.</source>
        <translation>На этом компьютере не найдено защищённое хранилище ключей.</translation>
    </message>
    <message>
        <source>The API key is kept for this session only and is never written to a file.</source>
        <translation>API-ключ хранится только до конца сеанса и никогда не записывается в файл.</translation>
    </message>
    <message>
        <source>No API key is saved: the register runs in demo mode.</source>
        <translation>API-ключ не сохранён: касса работает в демо-режиме.</translation>
    </message>
    <message>
        <source>The API key is saved in: {storage}.</source>
        <translation>API-ключ сохранён в: {storage}.</translation>
    </message>
    <message>
        <source>Replace the key…</source>
        <translation>Заменить ключ…</translation>
    </message>
    <message>
        <source>Enter a key…</source>
        <translation>Ввести ключ…</translation>
    </message>
    <message>
        <source>The API key was removed. The register runs in demo mode after a restart.</source>
        <translation>API-ключ удалён. После перезапуска касса будет работать в демо-режиме.</translation>
    </message>
    <message>
        <source>Refunds ask for the manager PIN.</source>
        <translation>Для возврата нужен PIN-код менеджера.</translation>
    </message>
    <message>
        <source>No manager PIN: every cashier can make refunds.</source>
        <translation>PIN-код менеджера не задан: возврат может сделать любой кассир.</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Сменить PIN</translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation>Задать PIN</translation>
    </message>
    <message>
        <source>The current PIN is wrong.</source>
        <translation>Текущий PIN-код неверный.</translation>
    </message>
    <message>
        <source>The PIN must be {low} to {high} digits.</source>
        <translation>PIN-код — от {low} до {high} цифр.</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>PIN-коды не совпадают: введите один и тот же PIN дважды.</translation>
    </message>
    <message>
        <source>Manager PIN saved: refunds now ask for it.</source>
        <translation>PIN-код менеджера сохранён: теперь возврат его запрашивает.</translation>
    </message>
    <message>
        <source>Manager PIN removed: refunds need no PIN.</source>
        <translation>PIN-код менеджера удалён: для возврата PIN не нужен.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Папки</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выключен</translation>
    </message>
    <message>
        <source>System default printer</source>
        <translation>Принтер системы по умолчанию</translation>
    </message>
    <message>
        <source>Standard address of the provider</source>
        <translation>Стандартный адрес провайдера</translation>
    </message>
    <message>
        <source>s</source>
        <translation>с</translation>
    </message>
    <message>
        <source>per minute</source>
        <translation>в минуту</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Включено</translation>
    </message>
    <message>
        <source>Manager PIN for refunds</source>
        <translation>PIN-код менеджера для возвратов</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Текущий PIN</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Новый PIN</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Новый PIN ещё раз</translation>
    </message>
    <message>
        <source>{low} to {high} digits</source>
        <translation>от {low} до {high} цифр</translation>
    </message>
    <message>
        <source>Remove PIN</source>
        <translation>Удалить PIN</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Папка журналов</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Удалить ключ</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>Добро пожаловать</translation>
    </message>
    <message>
        <source>Welcome to your new register</source>
        <translation>Добро пожаловать в вашу новую кассу</translation>
    </message>
    <message>
        <source>Take Kaspi payments by phone or QR code. Try everything first in demo mode: a built-in test server plays the payment service, and no money moves. Connect your ApiPay account whenever you are ready.</source>
        <translation>Принимайте оплату Kaspi по номеру телефона или QR-коду. Сначала попробуйте всё в демо-режиме: роль платёжного сервиса играет встроенный тестовый сервер, деньги не списываются. Подключите свой аккаунт ApiPay, когда будете готовы.</translation>
    </message>
    <message>
        <source>Connect an account</source>
        <translation>Подключить аккаунт</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Попробовать демо</translation>
    </message>
    <message>
        <source>Choose ApiPay.kz or xPayment, test the key and verify the organisation</source>
        <translation>Выберите ApiPay.kz или xPayment, проверьте ключ и подтвердите организацию</translation>
    </message>
</context>
</TS>
