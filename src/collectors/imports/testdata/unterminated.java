import com.openai.client.OpenAIClient;

/* this comment never ends
public class Broken {
